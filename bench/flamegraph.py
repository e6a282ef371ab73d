#!/usr/bin/env python3
"""Turns collapsed stacks ("frame;frame;...;frame count" per line, as async-profiler's `collapsed`
output writes them) into an SVG flame graph, drawn top down (an icicle graph), so that the frames
every request passes through come first: each frame as wide as its share of the samples, its
callees below it, coloured by the code it belongs to. Hovering over a frame shows its full name
and share.

    flamegraph.py [--title TEXT] < profile.collapsed > flame.svg
"""
import argparse
import sys
import zlib
from xml.sax.saxutils import escape

WIDTH, ROW, PAD = 1200, 16, 10
CHAR = 6.6  # the width of a character of 11 px monospace
MIN_WIDTH = 0.3  # narrower frames are left out; their samples still count in the frames below

# The first prefix that a frame starts with names its kind; kernel frames end in _[k], other Java
# frames have a package, and whatever is left is the JVM's own or other native code.
KINDS = [
	("MiniTwit", "#e6550d", ["org/minitwit/"]),
	("Thymeleaf", "#fdae6b", ["org/thymeleaf/", "org/attoparser/", "org/unbescape/"]),
	("SpEL", "#fd8d3c", ["org/springframework/expression/"]),
	("Spring Security", "#9e9ac8", ["org/springframework/security/"]),
	("Spring Session", "#bcbddc", ["org/springframework/session/"]),
	("Spring", "#74c476", ["org/springframework/", "io/micrometer/"]),
	("Tomcat, Servlet", "#6baed6", ["org/apache/", "jakarta/"]),
	("JDBC, Hikari", "#fdd0a2", ["com/mysql/", "com/zaxxer/", "org/h2/"]),
	("JDK", "#bdbdbd", ["java/", "javax/", "jdk/", "sun/", "com/sun/"]),
]
OTHER, NATIVE, KERNEL = ("other Java", "#c7e9c0"), ("JVM, native", "#de9ed6"), ("kernel", "#969696")


def kind(frame):
	if frame.endswith("_[k]"):
		return KERNEL
	for name, colour, prefixes in KINDS:
		if frame.startswith(tuple(prefixes)):
			return name, colour
	return OTHER if "/" in frame else NATIVE


def shade(colour, frame):
	"""The kind's colour, a little lighter or darker per frame, so that neighbours stand apart."""
	delta = zlib.crc32(frame.encode()) % 40 - 20
	return "#" + "".join(f"{max(0, min(255, int(colour[i:i + 2], 16) + delta)):02x}" for i in (1, 3, 5))


def label(frame, width):
	"""Class.method without the package (the full name is in the tooltip), cut to fit."""
	parts = frame.split("/")
	while len(parts) > 1 and parts[0][:1].islower():
		parts.pop(0)
	short = "/".join(parts)
	fits = int((width - 6) / CHAR)
	if len(short) <= fits:
		return short
	return short[:fits - 2] + ".." if fits > 3 else ""


def read(lines):
	"""The call tree: each node is [samples, {frame: child}]."""
	root = [0, {}]
	for line in lines:
		stack, _, count = line.rstrip("\n").rpartition(" ")
		if not stack or not count.isdigit():
			continue
		root[0] += int(count)
		node = root
		for frame in stack.split(";"):
			node = node[1].setdefault(frame, [0, {}])
			node[0] += int(count)
	return root


def layout(root):
	"""(frame, samples, x, depth, width) of every frame wide enough to draw, callees in name order."""
	scale = (WIDTH - 2 * PAD) / root[0]
	frames, todo = [], [(None, root, PAD, -1)]
	while todo:
		frame, (samples, callees), x, depth = todo.pop()
		if samples * scale < MIN_WIDTH:
			continue
		if frame is not None:
			frames.append((frame, samples, x, depth, samples * scale))
		for name, callee in sorted(callees.items()):
			todo.append((name, callee, x, depth + 1))
			x += callee[0] * scale
	return frames


def svg(root, title):
	frames = layout(root)
	depth = max(f[3] for f in frames) + 1
	top = 3 * ROW + PAD  # the title and the legend
	height = top + depth * ROW + PAD
	out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
			f'viewBox="0 0 {WIDTH} {height}" font-family="monospace" font-size="11">',
			'<rect width="100%" height="100%" fill="#ffffff"/>',
			f'<text x="{WIDTH / 2}" y="{ROW + 2}" font-size="14" text-anchor="middle">{escape(title)}</text>',
			f'<text x="{WIDTH / 2}" y="{2 * ROW + 2}" text-anchor="middle">{root[0]:,} samples; '
			f'a frame\'s width is its share of them, with what it calls below it (hover for the figures)</text>']
	x = PAD
	for name, colour in [(name, colour) for name, colour, _ in KINDS] + [OTHER, NATIVE, KERNEL]:
		out.append(f'<rect x="{x}" y="{2.5 * ROW}" width="10" height="10" fill="{colour}"/>'
				f'<text x="{x + 14}" y="{2.5 * ROW + 9}">{escape(name)}</text>')
		x += 24 + len(name) * CHAR
	for frame, samples, x, level, width in frames:
		y = top + level * ROW
		text = label(frame, width)
		out.append(f'<g><title>{escape(frame)} ({samples:,} samples, {100 * samples / root[0]:.2f} %)</title>'
				f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW - 1}" fill="{shade(kind(frame)[1], frame)}"/>'
				+ (f'<text x="{x + 3:.1f}" y="{y + ROW - 4}">{escape(text)}</text>' if text else "") + "</g>")
	out.append("</svg>")
	return "\n".join(out) + "\n"


def main():
	parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	parser.add_argument("--title", default="Flame graph")
	title = parser.parse_args().title
	root = read(sys.stdin)
	if not root[0]:
		sys.exit("flamegraph.py: no samples in the input")
	sys.stdout.write(svg(root, title))


if __name__ == "__main__":
	main()
