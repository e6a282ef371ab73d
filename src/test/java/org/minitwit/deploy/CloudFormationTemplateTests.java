package org.minitwit.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

	@Test
	void theDatabaseIsMysql84EncryptedAndNotPublic() {
		Map<String, Object> db = properties(only("AWS::RDS::DBInstance"));
		assertThat(db.get("Engine")).isEqualTo("mysql");
		assertThat(value(db.get("EngineVersion"))).startsWith("8.4");
		assertThat(String.valueOf(db.get("PubliclyAccessible"))).isEqualTo("false");
		assertThat(String.valueOf(db.get("StorageEncrypted"))).isEqualTo("true");
	}

	@Test
	void rdsGeneratesThePasswordAndKeepsItInSecretsManager() {
		Map<String, Object> db = properties(only("AWS::RDS::DBInstance"));
		assertThat(String.valueOf(db.get("ManageMasterUserPassword"))).isEqualTo("true");
		assertThat(db).doesNotContainKey("MasterUserPassword");
		assertThat(map(TEMPLATE.get("Parameters")).keySet()).noneMatch(name -> name.toLowerCase().contains("password"));
	}

	@Test
	void theDatabaseLivesInPrivateSubnetsOnly() {
		Map<String, Object> db = properties(only("AWS::RDS::DBInstance"));
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
		String dbGroup = onlyTarget(properties(only("AWS::RDS::DBInstance")).get("VPCSecurityGroups"));
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
	void theInstancesAcceptPort5000FromTheLoadBalancerOnly() {
		String loadBalancerGroup = onlyTarget(
				properties(only("AWS::ElasticLoadBalancingV2::LoadBalancer")).get("SecurityGroups"));
		List<Map<String, Object>> ingress = ingressRules(appSecurityGroup());
		assertThat(ingress).isNotEmpty();
		assertThat(ingress).allSatisfy(rule -> {
			assertThat(rule).doesNotContainKeys("CidrIp", "CidrIpv6", "SourcePrefixListId");
			assertThat(String.valueOf(rule.get("FromPort"))).isEqualTo("5000");
			assertThat(String.valueOf(rule.get("ToPort"))).isEqualTo("5000");
			assertThat(target(rule.get("SourceSecurityGroupId"))).isEqualTo(loadBalancerGroup);
		});
	}

	@Test
	void theInstancesAreSpotWithImdsV2Only() {
		Map<String, Object> data = launchTemplateData();
		Map<String, Object> market = map(data.get("InstanceMarketOptions"));
		assertThat(market.get("MarketType")).isEqualTo("spot");
		// An Auto Scaling group requests its own replacements: only one-time requests are
		// allowed.
		assertThat(map(market.get("SpotOptions")).get("SpotInstanceType")).isEqualTo("one-time");
		assertThat(map(data.get("MetadataOptions")).get("HttpTokens")).isEqualTo("required");
	}

	@Test
	void theUserDataRunsTheSetUpScriptWithTheSecretNotThePassword() {
		Map<String, Object> userData = map(launchTemplateData().get("UserData"));
		Object sub = map(userData.get("Fn::Base64")).get("Fn::Sub");
		assertThat(sub).as("Fn::Base64 of Fn::Sub").isInstanceOf(String.class);
		String script = (String) sub;
		assertThat(script).startsWith("#!/bin/bash")
			.contains("MINITWIT_DB_SECRET_ID='${Database.MasterUserSecret.SecretArn}'")
			.contains("DB_HOST='${Database.Endpoint.Address}'")
			.contains("${SetupScriptKey}")
			.contains("${JarKey}")
			.doesNotContainIgnoringCase("password")
			.doesNotContain("DB_PASSWD");
		assertThat(RESOURCES).containsKeys("Database", "AppAutoScalingGroup");
		assertThat(script).contains("--logical-resource-id AppAutoScalingGroup");
	}

	@Test
	void theInstancesMayReadThatOneSecretAndNothingElse() {
		List<Map<String, Object>> statements = new ArrayList<>();
		for (String role : ofType("AWS::IAM::Role")) {
			for (Object policy : list(properties(role).getOrDefault("Policies", List.of()))) {
				for (Object statement : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
					statements.add(map(statement));
				}
			}
		}
		List<Map<String, Object>> secretStatements = statements.stream()
			.filter(statement -> String.valueOf(statement.get("Action")).contains("secretsmanager"))
			.toList();
		assertThat(secretStatements).hasSize(1);
		assertThat(secretStatements.get(0).get("Action")).isEqualTo("secretsmanager:GetSecretValue");
		assertThat(secretStatements.get(0).get("Resource"))
			.isEqualTo(Map.of("Fn::GetAtt", List.of(only("AWS::RDS::DBInstance"), "MasterUserSecret.SecretArn")));
		assertThat(statements).noneMatch(statement -> "*".equals(statement.get("Resource"))
				|| String.valueOf(statement.get("Action")).endsWith(":*"));
	}

	@Test
	void theTargetGroupChecksReadinessOnPort5000WithoutStickiness() {
		Map<String, Object> targetGroup = properties(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
		assertThat(String.valueOf(targetGroup.get("Port"))).isEqualTo("5000");
		assertThat(targetGroup.get("HealthCheckPath")).isEqualTo("/actuator/health/readiness");
		assertThat(list(targetGroup.getOrDefault("TargetGroupAttributes", List.of())))
			.noneMatch(attribute -> map(attribute).get("Key").equals("stickiness.enabled")
					&& String.valueOf(map(attribute).get("Value")).equals("true"));
	}

	@Test
	void twoInstancesServeBehindTheLoadBalancer() {
		String groupName = only("AWS::AutoScaling::AutoScalingGroup");
		Map<String, Object> group = properties(groupName);
		assertThat(String.valueOf(group.get("DesiredCapacity"))).isEqualTo("2");
		assertThat(Integer.parseInt(String.valueOf(group.get("MinSize")))).isGreaterThanOrEqualTo(2);
		assertThat(list(group.get("TargetGroupARNs")).stream().map(CloudFormationTemplateTests::target))
			.containsExactly(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
		assertThat(target(map(group.get("LaunchTemplate")).get("LaunchTemplateId")))
			.isEqualTo(only("AWS::EC2::LaunchTemplate"));
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
