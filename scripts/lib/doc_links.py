"""Every relative link in the README and docs/ points at a file that exists, and every #anchor at
a heading of that file: pages move and headings get renamed, and a broken link is found here
rather than by a reader.

    python3 scripts/lib/doc_links.py [ROOT]

Anchors follow GitHub's rule: the heading in lower case, punctuation other than hyphens dropped,
spaces as hyphens, a repeated heading suffixed -1, -2 ….
"""
import os
import re
import sys

PAGES = ["README.md", "benchmarks/README.md"]
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def strip_code(text):
    """The text without fenced code blocks, which hold no links."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            lines.append("")
        else:
            lines.append("" if fenced else line)
    return lines


def anchors(path):
    seen, result = {}, set()
    for line in strip_code(open(path, encoding="utf-8").read()):
        match = HEADING.match(line)
        if not match:
            continue
        slug = re.sub(r"[^\w\- ]", "", match.group(2).strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        result.add(slug if count == 0 else f"{slug}-{count}")
    return result


def main(root):
    pages = PAGES + sorted(os.path.join("docs", name) for name in os.listdir(os.path.join(root, "docs")) if name.endswith(".md"))
    problems = 0
    for page in pages:
        for number, line in enumerate(strip_code(open(os.path.join(root, page), encoding="utf-8").read()), 1):
            for target in LINK.findall(line):
                if re.match(r"^[a-z]+:", target):
                    continue
                file_part, _, anchor = target.partition("#")
                linked = os.path.normpath(os.path.join(root, os.path.dirname(page), file_part)) if file_part else os.path.join(root, page)
                if not os.path.exists(linked):
                    print(f"{page}:{number}: error: link to '{target}': {os.path.relpath(linked, root)} does not exist")
                    problems += 1
                elif anchor and linked.endswith(".md") and anchor not in anchors(linked):
                    print(f"{page}:{number}: error: link to '{target}': no heading '#{anchor}' in {os.path.relpath(linked, root)}")
                    problems += 1
    if problems:
        sys.exit(1)
    print(f"doc links: {len(pages)} pages, every relative link resolves")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
