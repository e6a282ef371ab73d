package org.minitwit.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minitwit.deploy.DeployFiles.list;
import static org.minitwit.deploy.DeployFiles.map;

/**
 * deploy/aws/minitwit.yaml, read as CloudFormation reads it (short-form functions
 * included).
 */
class CloudFormationTemplateTests {

	private static final Map<String, Object> TEMPLATE = DeployFiles.cloudFormation("deploy/aws/minitwit.yaml");

	private static final Map<String, Object> RESOURCES = map(TEMPLATE.get("Resources"));

	/**
	 * The bundle of deploy/aws/package.sh, as the image build and a plain instance fetch
	 * it.
	 */
	private static final String BUNDLE_URI = "s3://${ArtifactBucket}/minitwit-aws-${ImageVersion}.tar.gz";

	/** vCPUs and memory of the x86-64 types the group may use (the image is x86-64). */
	private static final Map<String, String> SIZES = Map.ofEntries(Map.entry("t3.small", "2 vCPUs, 2 GiB"),
			Map.entry("t3a.small", "2 vCPUs, 2 GiB"), Map.entry("t3.medium", "2 vCPUs, 4 GiB"),
			Map.entry("t3a.medium", "2 vCPUs, 4 GiB"), Map.entry("c5.large", "2 vCPUs, 4 GiB"),
			Map.entry("c5a.large", "2 vCPUs, 4 GiB"), Map.entry("c6i.large", "2 vCPUs, 4 GiB"),
			Map.entry("c6a.large", "2 vCPUs, 4 GiB"), Map.entry("c7i.large", "2 vCPUs, 4 GiB"),
			Map.entry("m5.large", "2 vCPUs, 8 GiB"), Map.entry("m6i.large", "2 vCPUs, 8 GiB"),
			Map.entry("m6a.large", "2 vCPUs, 8 GiB"));

	@Test
	void theDatabaseIsMysql84EncryptedAndNotPublic() {
		Map<String, Object> db = properties("Database");
		assertThat(db.get("Engine")).isEqualTo("mysql");
		assertThat(value(db.get("EngineVersion"))).startsWith("8.4");
		assertThat(String.valueOf(db.get("PubliclyAccessible"))).isEqualTo("false");
		assertThat(String.valueOf(db.get("StorageEncrypted"))).isEqualTo("true");
	}

	@Test
	void rdsGeneratesThePasswordAndKeepsItInSecretsManager() {
		Map<String, Object> db = properties("Database");
		assertThat(String.valueOf(db.get("ManageMasterUserPassword"))).isEqualTo("true");
		assertThat(db).doesNotContainKey("MasterUserPassword");
		assertThat(map(TEMPLATE.get("Parameters")).keySet()).noneMatch(name -> name.toLowerCase().contains("password"));
	}

	@Test
	void theDatabaseLivesInPrivateSubnetsOnly() {
		Map<String, Object> db = properties("Database");
		Map<String, Object> subnetGroup = properties(referenced(db.get("DBSubnetGroupName")));
		List<String> dbSubnets = list(subnetGroup.get("SubnetIds")).stream()
			.map(CloudFormationTemplateTests::target)
			.toList();
		assertThat(dbSubnets).hasSize(2);
		for (String subnet : dbSubnets) {
			assertThat(String.valueOf(properties(subnet).get("MapPublicIpOnLaunch"))).as(subnet).isNotEqualTo("true");
			assertThat(routeTableOf(subnet)).as(subnet)
				.noneMatch(route -> map(RESOURCES.get(route)).get("Type").equals("AWS::EC2::Route")
						&& properties(route).containsKey("GatewayId"));
		}
		List<String> loadBalancerSubnets = list(
				properties(only("AWS::ElasticLoadBalancingV2::LoadBalancer")).get("Subnets"))
			.stream()
			.map(CloudFormationTemplateTests::target)
			.toList();
		assertThat(dbSubnets).doesNotContainAnyElementsOf(loadBalancerSubnets);
		assertThat(dbSubnets.stream().map(subnet -> properties(subnet).get("AvailabilityZone")).distinct())
			.as("two availability zones")
			.hasSize(2);
	}

	@Test
	void theDatabaseAcceptsMysqlFromTheInstancesOnly() {
		String dbGroup = onlyTarget(properties("Database").get("VPCSecurityGroups"));
		List<Map<String, Object>> ingress = ingressRules(dbGroup);
		assertThat(ingress).isNotEmpty();
		assertThat(ingress).allSatisfy(rule -> {
			assertThat(rule).doesNotContainKeys("CidrIp", "CidrIpv6", "SourcePrefixListId");
			assertThat(String.valueOf(rule.get("FromPort"))).isEqualTo("3306");
			assertThat(String.valueOf(rule.get("ToPort"))).isEqualTo("3306");
			assertThat(target(rule.get("SourceSecurityGroupId"))).isEqualTo(appSecurityGroup());
		});
	}

	@Test
	void theInstancesAcceptTheApplicationPortFromTheLoadBalancerAndTheManagementPortFromTheVpcOnly() {
		String loadBalancerGroup = loadBalancerSecurityGroup();
		List<Map<String, Object>> ingress = ingressRules(appSecurityGroup());
		assertThat(ingress).extracting(rule -> String.valueOf(rule.get("FromPort")))
			.containsExactlyInAnyOrder("5000", "8081");
		assertThat(ingress).allSatisfy(rule -> {
			assertThat(String.valueOf(rule.get("ToPort"))).isEqualTo(String.valueOf(rule.get("FromPort")));
			assertThat(rule).doesNotContainKeys("CidrIpv6", "SourcePrefixListId");
			if ("5000".equals(String.valueOf(rule.get("FromPort")))) {
				assertThat(rule).doesNotContainKey("CidrIp");
				assertThat(target(rule.get("SourceSecurityGroupId"))).isEqualTo(loadBalancerGroup);
			}
			else {
				assertThat(rule).doesNotContainKey("SourceSecurityGroupId");
				assertThat(rule.get("CidrIp")).as("the VPC's own range")
					.isEqualTo(Map.of("Fn::GetAtt", List.of(only("AWS::EC2::VPC"), "CidrBlock")));
			}
		});
	}

	@Test
	void theManagementPortIsNeverBehindTheLoadBalancer() {
		assertThat(ofType("AWS::ElasticLoadBalancingV2::TargetGroup")).allSatisfy(group -> {
			Map<String, Object> targetGroup = properties(group);
			assertThat(String.valueOf(targetGroup.get("Port"))).isEqualTo("5000");
			assertThat(String.valueOf(targetGroup.getOrDefault("HealthCheckPort", "traffic-port")))
				.isEqualTo("traffic-port");
		});
		assertThat(ofType("AWS::ElasticLoadBalancingV2::Listener"))
			.allSatisfy(listener -> assertThat(String.valueOf(properties(listener))).doesNotContain("8081"));
		// The load balancer's own security group may reach the instances' application
		// port and nothing else.
		List<Map<String, Object>> egress = egressRules(loadBalancerSecurityGroup()).stream()
			.filter(rule -> !"127.0.0.1/32".equals(rule.get("CidrIp")))
			.toList();
		assertThat(egress).isNotEmpty().allSatisfy(rule -> {
			assertThat(String.valueOf(rule.get("FromPort"))).isEqualTo("5000");
			assertThat(String.valueOf(rule.get("ToPort"))).isEqualTo("5000");
			assertThat(target(rule.get("DestinationSecurityGroupId"))).isEqualTo(appSecurityGroup());
		});
	}

	@Test
	void theGroupReplacesInstancesOnEc2ChecksWhileTheLoadBalancerRoutesByReadiness() {
		// Readiness is down whenever the database is: a database restart must not replace
		// the fleet.
		assertThat(group().get("HealthCheckType")).isEqualTo("EC2");
		Map<String, Object> targetGroup = properties(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
		assertThat(targetGroup.get("HealthCheckPath")).isEqualTo("/readyz");
		assertThat(map(targetGroup.get("Matcher")).get("HttpCode")).isEqualTo("200");
	}

	@Test
	void theWatcherKnowsHowLongTheLoadBalancerTakesToSeeReadinessDown() {
		Map<String, Object> targetGroup = properties(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
		int detect = Integer.parseInt(value(targetGroup.get("HealthCheckIntervalSeconds")))
				* Integer.parseInt(value(targetGroup.get("UnhealthyThresholdCount")));
		assertThat(userData()).contains("export MINITWIT_LB_DETECT_SECONDS=" + detect + "\n");
	}

	@Test
	void theLoadBalancerLetsRequestsFinishAsLongAsTheApplicationsShutdownPhase() {
		String delay = targetGroupAttribute("deregistration_delay.timeout_seconds");
		assertThat(Duration.ofSeconds(Long.parseLong(delay))).isEqualTo(DeployFiles.shutdownPhase());
	}

	@Test
	void theInstancesAreSpotOfSeveralTypesOfOneSize() {
		Map<String, Object> policy = map(group().get("MixedInstancesPolicy"));
		Map<String, Object> distribution = map(policy.get("InstancesDistribution"));
		assertThat(String.valueOf(distribution.get("OnDemandBaseCapacity"))).isEqualTo("0");
		assertThat(String.valueOf(distribution.get("OnDemandPercentageAboveBaseCapacity"))).isEqualTo("0");
		assertThat(distribution.get("SpotAllocationStrategy")).isEqualTo("price-capacity-optimized");
		Map<String, Object> launchTemplate = map(policy.get("LaunchTemplate"));
		assertThat(target(map(launchTemplate.get("LaunchTemplateSpecification")).get("LaunchTemplateId")))
			.isEqualTo(only("AWS::EC2::LaunchTemplate"));
		List<String> types = list(launchTemplate.get("Overrides")).stream()
			.map(override -> (String) map(override).get("InstanceType"))
			.toList();
		assertThat(types).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
		assertThat(types)
			.allSatisfy(type -> assertThat(SIZES).as("the size of %s (add it to SIZES)", type).containsKey(type));
		assertThat(types.stream().map(SIZES::get).distinct()).as("one size for all types of " + types).hasSize(1);
		// A launch template that sets the type or the market is refused with a mixed
		// instances policy.
		assertThat(launchTemplateData()).doesNotContainKeys("InstanceType", "InstanceMarketOptions");
		assertThat(group()).doesNotContainKey("LaunchTemplate");
		assertThat(String.valueOf(group().get("CapacityRebalance"))).isEqualTo("true");
		assertThat(map(launchTemplateData().get("MetadataOptions")).get("HttpTokens")).isEqualTo("required");
	}

	@Test
	void aTerminationLifecycleHookWaitsForTheWatcherWhichMayCompleteItForThisGroupOnly() {
		List<Object> hooks = list(group().get("LifecycleHookSpecificationList"));
		assertThat(hooks).hasSize(1);
		Map<String, Object> hook = map(hooks.get(0));
		assertThat(hook.get("LifecycleTransition")).isEqualTo("autoscaling:EC2_INSTANCE_TERMINATING");
		assertThat(hook.get("DefaultResult")).isEqualTo("CONTINUE");
		// Time to drain and stop; a Spot instance is gone two minutes after its notice in
		// any case.
		assertThat(Integer.parseInt(value(hook.get("HeartbeatTimeout")))).isGreaterThanOrEqualTo(120);
		assertThat(userData()).contains("export MINITWIT_LIFECYCLE_HOOK=" + hook.get("LifecycleHookName") + "\n");
		String groupName = (String) map(group().get("AutoScalingGroupName")).get("Fn::Sub");
		assertThat(userData()).contains("export MINITWIT_ASG_NAME='" + groupName + "'\n");
		List<Map<String, Object>> autoscaling = statements().stream()
			.filter(statement -> String.valueOf(statement.get("Action")).contains("autoscaling:"))
			.toList();
		assertThat(autoscaling).singleElement().satisfies(statement -> {
			assertThat(statement.get("Action")).isEqualTo("autoscaling:CompleteLifecycleAction");
			assertThat((String) map(statement.get("Resource")).get("Fn::Sub"))
				.endsWith(":autoScalingGroup:*:autoScalingGroupName/" + groupName);
		});
	}

	@Test
	void theInstancesStartFromTheBakedImageUnlessOneIsGiven() {
		assertThat(launchTemplateData().get("ImageId")).isEqualTo(Map.of("Fn::If",
				List.of("BakeImage", Map.of("Fn::GetAtt", List.of("Image", "ImageId")), Map.of("Ref", "ImageId"))));
		assertThat(map(TEMPLATE.get("Conditions")).get("BakeImage"))
			.isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "ImageId"), "")));
		assertThat(value(Map.of("Ref", "ImageId"))).as("baked by default").isEmpty();
		assertThat(properties(only("AWS::ImageBuilder::Image")).get("ImageRecipeArn"))
			.isEqualTo(Map.of("Fn::GetAtt", List.of(only("AWS::ImageBuilder::ImageRecipe"), "Arn")));
		Map<String, Object> recipe = properties(only("AWS::ImageBuilder::ImageRecipe"));
		assertThat(recipe.get("ParentImage")).isEqualTo(Map.of("Ref", "BaseImageId"));
		assertThat(value(recipe.get("ParentImage"))).contains("al2023-ami").endsWith("x86_64");
		assertThat(list(recipe.get("Components"))).singleElement()
			.satisfies(component -> assertThat(target(map(component).get("ComponentArn")))
				.isEqualTo(only("AWS::ImageBuilder::Component")));
		// Image Builder versions are immutable: component and recipe change version
		// together.
		assertThat(recipe.get("Version")).isEqualTo(Map.of("Ref", "ImageVersion"));
		assertThat(properties(only("AWS::ImageBuilder::Component")).get("Version"))
			.isEqualTo(Map.of("Ref", "ImageVersion"));
		assertThat(RESOURCES.entrySet())
			.filteredOn(resource -> map(resource.getValue()).get("Type").toString().startsWith("AWS::ImageBuilder::"))
			.hasSize(5)
			.allSatisfy(resource -> assertThat(map(resource.getValue()).get("Condition")).as(resource.getKey())
				.isEqualTo("BakeImage"));
	}

	@Test
	void theImageComponentInstallsTheBundleOfItsVersionWithInstallSh() {
		Map<String, Object> document = DeployFiles
			.yamlText((String) map(properties(only("AWS::ImageBuilder::Component")).get("Data")).get("Fn::Sub"));
		Map<String, List<Map<String, Object>>> phases = new LinkedHashMap<>();
		for (Object phase : list(document.get("phases"))) {
			phases.put((String) map(phase).get("name"),
					list(map(phase).get("steps")).stream().map(DeployFiles::map).toList());
		}
		assertThat(phases).containsKeys("build", "validate");
		List<Map<String, Object>> build = phases.get("build");
		assertThat(build.get(0).get("action")).isEqualTo("S3Download");
		assertThat(map(list(build.get(0).get("inputs")).get(0)).get("source")).isEqualTo(BUNDLE_URI);
		assertThat(build).anySatisfy(step -> {
			assertThat(step.get("action")).isEqualTo("ExecuteBash");
			assertThat(list(map(step.get("inputs")).get("commands")))
				.anySatisfy(command -> assertThat((String) command).matches("bash (\\S+)/aws/install\\.sh \\1"));
		});
		assertThat(String.valueOf(phases.get("validate"))).contains("java -version").contains("minitwit.service");
		// An instance that installs at boot (ImageId given) takes the same bundle.
		assertThat(userData()).contains("'" + BUNDLE_URI + "'");
		assertThat(DeployFiles.read("deploy/aws/package.sh")).contains("aws/install.sh");
	}

	@Test
	void theImageBuildInstanceAcceptsNoConnectionAndReadsOnlyTheBundle() {
		Map<String, Object> infrastructure = properties(only("AWS::ImageBuilder::InfrastructureConfiguration"));
		assertThat(ingressRules(onlyTarget(infrastructure.get("SecurityGroupIds")))).isEmpty();
		assertThat(map(infrastructure.get("InstanceMetadataOptions")).get("HttpTokens")).isEqualTo("required");
		assertThat(String.valueOf(infrastructure.get("TerminateInstanceOnFailure"))).isEqualTo("true");
		List<Map<String, Object>> buildStatements = statements("ImageBuildRole");
		assertThat(buildStatements).singleElement().satisfies(statement -> {
			assertThat(statement.get("Action")).isEqualTo("s3:GetObject");
			assertThat((String) map(statement.get("Resource")).get("Fn::Sub"))
				.endsWith(":::" + BUNDLE_URI.substring(5));
		});
	}

	@Test
	void theUserDataConfiguresTheImageAndInstallsOnlyOnAPlainOne() {
		String script = userData();
		assertThat(script).startsWith("#!/bin/bash\n")
			.contains("\n/opt/minitwit/bin/minitwit-configure\n")
			.contains("if [ ! -x /opt/minitwit/bin/minitwit-configure ]; then")
			.contains("bash /root/minitwit-bundle/aws/install.sh /root/minitwit-bundle")
			.contains("DB_SECRET_ID='${Database.MasterUserSecret.SecretArn}'")
			.contains("DB_HOST='${Database.Endpoint.Address}'")
			.contains("--logical-resource-id AppAutoScalingGroup")
			.doesNotContain("dnf ")
			.doesNotContainIgnoringCase("password")
			.doesNotContain("DB_PASSWD");
		assertThat(RESOURCES).containsKeys("Database", "AppAutoScalingGroup");
		// Every setting exported is one that minitwit-configure (user-data.sh) reads.
		String configure = DeployFiles.read("deploy/aws/user-data.sh");
		Matcher export = Pattern.compile("(?m)^export (\\w+)=").matcher(script);
		List<String> exported = new ArrayList<>();
		while (export.find()) {
			exported.add(export.group(1));
		}
		assertThat(exported).contains("DB_SECRET_ID", "DB_HOST", "MINITWIT_LOG_GROUP")
			.allSatisfy(name -> assertThat(configure).contains(name + "=\"${" + name + ":-"));
	}

	@Test
	void aReadReplicaIsOptionalOffByDefaultAndItsEndpointIsDbReadHost() {
		assertThat(value(Map.of("Ref", "DBReadReplica"))).isEqualTo("false");
		assertThat(map(TEMPLATE.get("Conditions")).get("HasReadReplica"))
			.isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "DBReadReplica"), "true")));
		assertThat(ofType("AWS::RDS::DBInstance")).containsExactlyInAnyOrder("Database", "DatabaseReadReplica");
		Map<String, Object> replica = map(RESOURCES.get("DatabaseReadReplica"));
		assertThat(replica.get("Condition")).isEqualTo("HasReadReplica");
		Map<String, Object> properties = properties("DatabaseReadReplica");
		assertThat(properties.get("SourceDBInstanceIdentifier")).isEqualTo(Map.of("Ref", "Database"));
		assertThat(String.valueOf(properties.get("PubliclyAccessible"))).isEqualTo("false");
		assertThat(properties.get("VPCSecurityGroups")).isEqualTo(properties("Database").get("VPCSecurityGroups"));
		assertThat(properties.get("DBInstanceClass")).isEqualTo(properties("Database").get("DBInstanceClass"));
		assertThat(properties.get("CACertificateIdentifier"))
			.isEqualTo(properties("Database").get("CACertificateIdentifier"));

		assertThat(userData()).contains("export DB_READ_HOST='${DatabaseReadHost}'");
		assertThat(map(list(userDataSub()).get(1)).get("DatabaseReadHost")).isEqualTo(Map.of("Fn::If", List
			.of("HasReadReplica", Map.of("Fn::GetAtt", List.of("DatabaseReadReplica", "Endpoint.Address")), "")));
	}

	@Test
	void theDatabaseKeepsAWeekOfBackupsIsProtectedFromDeletionAndGrowsItsStorage() {
		Map<String, Object> db = properties("Database");
		assertThat(Integer.parseInt(value(db.get("BackupRetentionPeriod")))).isGreaterThanOrEqualTo(7);
		assertThat(db.get("DeletionProtection")).isEqualTo(Map.of("Ref", "DBDeletionProtection"));
		assertThat(value(db.get("DeletionProtection"))).isEqualTo("true");
		assertThat(Integer.parseInt(value(db.get("MaxAllocatedStorage"))))
			.isGreaterThan(Integer.parseInt(value(db.get("AllocatedStorage"))));
		assertThat(map(RESOURCES.get("Database")).get("DeletionPolicy")).isEqualTo("Snapshot");
		// The image's trust store holds the RDS CAs; the database names the one it uses.
		assertThat(value(db.get("CACertificateIdentifier"))).startsWith("rds-ca-");
	}

	@Test
	void theLogsGoToTheStacksLogGroupWhichTheInstancesMayWriteToOnly() {
		String logGroup = only("AWS::Logs::LogGroup");
		assertThat(properties(logGroup)).containsKey("RetentionInDays");
		assertThat(userData()).contains("export MINITWIT_LOG_GROUP='${" + logGroup + "}'\n");
		List<Map<String, Object>> logs = statements().stream()
			.filter(statement -> String.valueOf(statement.get("Action")).contains("logs:"))
			.toList();
		assertThat(logs).singleElement().satisfies(statement -> {
			assertThat(list(statement.get("Action"))).containsOnly("logs:CreateLogStream", "logs:PutLogEvents",
					"logs:DescribeLogStreams");
			assertThat(statement.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of(logGroup, "Arn")));
		});
	}

	@Test
	void alarmsWatchTheLoadBalancerAndTheDatabaseAndNotifyTheTopic() {
		String topic = only("AWS::SNS::Topic");
		Map<String, Map<String, Object>> alarms = new LinkedHashMap<>();
		for (String alarm : ofType("AWS::CloudWatch::Alarm")) {
			Map<String, Object> properties = properties(alarm);
			alarms.put(properties.get("Namespace") + " " + properties.get("MetricName"), properties);
			assertThat(properties.get("AlarmActions")).as(alarm).isEqualTo(List.of(Map.of("Ref", topic)));
		}
		assertThat(alarms).containsKeys("AWS/ApplicationELB HTTPCode_ELB_5XX_Count",
				"AWS/ApplicationELB UnHealthyHostCount", "AWS/ApplicationELB TargetResponseTime",
				"AWS/RDS CPUUtilization", "AWS/RDS FreeStorageSpace", "AWS/RDS DatabaseConnections");
		assertThat(alarms.get("AWS/ApplicationELB TargetResponseTime").get("ExtendedStatistic")).isEqualTo("p99");
		alarms.forEach((metric, alarm) -> assertThat(String.valueOf(alarm.get("Dimensions"))).as(metric)
			.contains(metric.startsWith("AWS/RDS") ? "{Ref=" + "Database" + "}"
					: only("AWS::ElasticLoadBalancingV2::LoadBalancer") + ", LoadBalancerFullName"));
	}

	@Test
	void theDashboardShowsTheLoadBalancerTheDatabaseTheLogsAndTheAlarms() {
		String body = (String) map(properties(only("AWS::CloudWatch::Dashboard")).get("DashboardBody")).get("Fn::Sub");
		Matcher placeholder = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z.]+)?\\}").matcher(body);
		while (placeholder.find()) {
			assertThat(placeholder.group(1)).as(placeholder.group()).isIn(RESOURCES.keySet());
		}
		Map<String, Object> dashboard = DeployFiles.yamlText(body.replace("${AWS::Region}", "eu-central-1"));
		List<Map<String, Object>> widgets = list(dashboard.get("widgets")).stream().map(DeployFiles::map).toList();
		String metrics = String
			.valueOf(widgets.stream().filter(widget -> "metric".equals(widget.get("type"))).toList());
		assertThat(metrics).contains("${LoadBalancer.LoadBalancerFullName}")
			.contains("${Database}")
			.contains("TargetResponseTime")
			.contains("UnHealthyHostCount")
			.contains("DatabaseConnections");
		assertThat(widgets).anySatisfy(widget -> {
			assertThat(widget.get("type")).isEqualTo("log");
			assertThat(String.valueOf(map(widget.get("properties")).get("query")))
				.startsWith("SOURCE '${" + only("AWS::Logs::LogGroup") + "}'");
		});
		assertThat(widgets).anySatisfy(widget -> {
			assertThat(widget.get("type")).isEqualTo("alarm");
			assertThat(list(map(widget.get("properties")).get("alarms"))).containsExactlyInAnyOrderElementsOf(
					ofType("AWS::CloudWatch::Alarm").stream().map(alarm -> "${" + alarm + ".Arn}").toList());
		});
	}

	@Test
	void initdbIsOneSsmCommandThatAsksForConfirmation() {
		String documentName = only("AWS::SSM::Document");
		Map<String, Object> document = properties(documentName);
		assertThat(document.get("DocumentType")).isEqualTo("Command");
		Map<String, Object> content = map(document.get("Content"));
		assertThat(content.get("schemaVersion")).isEqualTo("2.2");
		assertThat(map(map(content.get("parameters")).get("Confirm")).get("allowedPattern"))
			.isEqualTo("^DROP-EVERY-TABLE$");
		assertThat(list(content.get("mainSteps"))).singleElement().satisfies(step -> {
			assertThat(map(step).get("action")).isEqualTo("aws:runShellScript");
			List<Object> commands = list(map(map(step).get("inputs")).get("runCommand"));
			assertThat(commands.get(0)).as("stop at the first failure").isEqualTo("set -e");
			assertThat(commands).contains("systemctl start minitwit-initdb.service");
		});
		assertThat(map(map(TEMPLATE.get("Outputs")).get("InitDbDocument")).get("Value"))
			.isEqualTo(Map.of("Ref", documentName));
		assertThat(DeployFiles.read("deploy/aws/install.sh"))
			.contains("cat > /etc/systemd/system/minitwit-initdb.service");
	}

	@Test
	void theInstancesMayReadThatOneSecretAndNothingElse() {
		List<Map<String, Object>> secretStatements = statements().stream()
			.filter(statement -> String.valueOf(statement.get("Action")).contains("secretsmanager"))
			.toList();
		assertThat(secretStatements).singleElement().satisfies(statement -> {
			// The Secrets Manager JDBC driver describes the secret to find its current
			// version.
			assertThat(list(statement.get("Action"))).containsExactlyInAnyOrder("secretsmanager:GetSecretValue",
					"secretsmanager:DescribeSecret");
			assertThat(statement.get("Resource"))
				.isEqualTo(Map.of("Fn::GetAtt", List.of("Database", "MasterUserSecret.SecretArn")));
		});
		assertThat(statements()).noneMatch(statement -> "*".equals(statement.get("Resource"))
				|| String.valueOf(statement.get("Action")).endsWith(":*"));
	}

	@Test
	void theTargetGroupChecksReadinessOnPort5000WithoutStickiness() {
		Map<String, Object> targetGroup = properties(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
		assertThat(String.valueOf(targetGroup.get("Port"))).isEqualTo("5000");
		assertThat(targetGroup.get("HealthCheckPath")).isEqualTo("/readyz");
		assertThat(targetGroupAttribute("stickiness.enabled")).isNotEqualTo("true");
	}

	@Test
	void twoInstancesServeBehindTheLoadBalancer() {
		String groupName = only("AWS::AutoScaling::AutoScalingGroup");
		Map<String, Object> group = properties(groupName);
		assertThat(String.valueOf(group.get("DesiredCapacity"))).isEqualTo("2");
		assertThat(Integer.parseInt(String.valueOf(group.get("MinSize")))).isGreaterThanOrEqualTo(2);
		assertThat(list(group.get("TargetGroupARNs")).stream().map(CloudFormationTemplateTests::target))
			.containsExactly(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
		assertThat(list(group.get("VPCZoneIdentifier"))).hasSize(2);
		Map<String, Object> signals = map(
				map(map(RESOURCES.get(groupName)).get("CreationPolicy")).get("ResourceSignal"));
		assertThat(String.valueOf(signals.get("Count"))).isEqualTo("2");
	}

	@Test
	void theLoadBalancerListensOnHttpAndForwardsToTheInstances() {
		List<Map<String, Object>> listeners = ofType("AWS::ElasticLoadBalancingV2::Listener").stream()
			.map(CloudFormationTemplateTests::properties)
			.toList();
		assertThat(listeners).anySatisfy(listener -> {
			assertThat(String.valueOf(listener.get("Port"))).isEqualTo("80");
			assertThat(String.valueOf(listener.get("DefaultActions"))).contains("forward")
				.contains(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
		});
		assertThat(properties(only("AWS::ElasticLoadBalancingV2::LoadBalancer")).get("Scheme"))
			.isEqualTo("internet-facing");
	}

	@Test
	void theOutputsGiveTheUrl() {
		Map<String, Object> url = map(map(TEMPLATE.get("Outputs")).get("Url"));
		assertThat(String.valueOf(url.get("Value"))).contains("http://${")
			.contains(only("AWS::ElasticLoadBalancingV2::LoadBalancer") + ".DNSName");
	}

	// --- navigation ---

	private static Map<String, Object> launchTemplateData() {
		return map(properties(only("AWS::EC2::LaunchTemplate")).get("LaunchTemplateData"));
	}

	private static String appSecurityGroup() {
		return onlyTarget(launchTemplateData().get("SecurityGroupIds"));
	}

	private static String loadBalancerSecurityGroup() {
		return onlyTarget(properties(only("AWS::ElasticLoadBalancingV2::LoadBalancer")).get("SecurityGroups"));
	}

	private static Map<String, Object> group() {
		return properties(only("AWS::AutoScaling::AutoScalingGroup"));
	}

	/** The launch template's user data: the text of its Fn::Base64 of Fn::Sub. */
	private static String userData() {
		return (String) list(userDataSub()).get(0);
	}

	/** Fn::Sub's text and the variables it substitutes besides the template's own. */
	private static Object userDataSub() {
		Object sub = map(map(launchTemplateData().get("UserData")).get("Fn::Base64")).get("Fn::Sub");
		assertThat(list(sub)).as("Fn::Base64 of Fn::Sub [text, variables]").hasSize(2);
		assertThat(list(sub).get(0)).isInstanceOf(String.class);
		return sub;
	}

	private static String targetGroupAttribute(String key) {
		return list(properties(only("AWS::ElasticLoadBalancingV2::TargetGroup")).get("TargetGroupAttributes")).stream()
			.map(DeployFiles::map)
			.filter(attribute -> key.equals(attribute.get("Key")))
			.map(attribute -> String.valueOf(attribute.get("Value")))
			.findFirst()
			.orElse("");
	}

	/** The statements of the inline policies of every role, or of the roles named. */
	private static List<Map<String, Object>> statements(String... roles) {
		List<Map<String, Object>> statements = new ArrayList<>();
		for (String role : roles.length > 0 ? List.of(roles) : ofType("AWS::IAM::Role")) {
			for (Object policy : list(properties(role).getOrDefault("Policies", List.of()))) {
				for (Object statement : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
					statements.add(map(statement));
				}
			}
		}
		return statements;
	}

	/** Inline rules and separate AWS::EC2::SecurityGroupIngress resources alike. */
	private static List<Map<String, Object>> ingressRules(String securityGroup) {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Object rule : list(properties(securityGroup).getOrDefault("SecurityGroupIngress", List.of()))) {
			rules.add(map(rule));
		}
		for (String ingress : ofType("AWS::EC2::SecurityGroupIngress")) {
			if (securityGroup.equals(target(properties(ingress).get("GroupId")))) {
				rules.add(properties(ingress));
			}
		}
		return rules;
	}

	/** Inline rules and separate AWS::EC2::SecurityGroupEgress resources alike. */
	private static List<Map<String, Object>> egressRules(String securityGroup) {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Object rule : list(properties(securityGroup).getOrDefault("SecurityGroupEgress", List.of()))) {
			rules.add(map(rule));
		}
		for (String egress : ofType("AWS::EC2::SecurityGroupEgress")) {
			if (securityGroup.equals(target(properties(egress).get("GroupId")))) {
				rules.add(properties(egress));
			}
		}
		return rules;
	}

	private static List<String> routeTableOf(String subnet) {
		List<String> tables = ofType("AWS::EC2::SubnetRouteTableAssociation").stream()
			.filter(association -> subnet.equals(target(properties(association).get("SubnetId"))))
			.map(association -> target(properties(association).get("RouteTableId")))
			.toList();
		return ofType("AWS::EC2::Route").stream()
			.filter(route -> tables.contains(target(properties(route).get("RouteTableId"))))
			.toList();
	}

	private static List<String> ofType(String type) {
		return RESOURCES.entrySet()
			.stream()
			.filter(resource -> type.equals(map(resource.getValue()).get("Type")))
			.map(Map.Entry::getKey)
			.toList();
	}

	private static String only(String type) {
		List<String> resources = ofType(type);
		assertThat(resources).as(type).hasSize(1);
		return resources.get(0);
	}

	private static Map<String, Object> properties(String resource) {
		assertThat(RESOURCES).containsKey(resource);
		return map(Objects.requireNonNullElse(map(RESOURCES.get(resource)).get("Properties"), Map.of()));
	}

	private static String referenced(Object value) {
		String name = target(value);
		assertThat(RESOURCES).containsKey(name);
		return name;
	}

	private static String onlyTarget(Object values) {
		List<Object> items = list(values);
		assertThat(items).hasSize(1);
		return target(items.get(0));
	}

	/** The resource a {@code Ref} or {@code Fn::GetAtt} points at. */
	private static String target(Object value) {
		Map<String, Object> function = map(value);
		if (function.containsKey("Ref")) {
			return (String) function.get("Ref");
		}
		assertThat(function).containsKey("Fn::GetAtt");
		return (String) list(function.get("Fn::GetAtt")).get(0);
	}

	/** A literal, or the default of the parameter it refers to. */
	private static String value(Object value) {
		if (value instanceof Map<?, ?> function && function.containsKey("Ref")) {
			Map<String, Object> parameter = map(map(TEMPLATE.get("Parameters")).get(function.get("Ref")));
			assertThat(parameter).as("parameter " + function.get("Ref")).isNotNull();
			return String.valueOf(parameter.get("Default"));
		}
		return String.valueOf(value);
	}

}
