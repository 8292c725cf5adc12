"""data/taxonomy.yaml beyond its schema: what the pages built from it rely on.

Category and power-kind slugs become addresses, so two alike would lose a page; every entry of
the home page's columns is a category that exists or a named link; an interpretation needs a
form to default to.
"""

from .source import field_label

TAXONOMY_FILE = "taxonomy.yaml"


def check(site, source):
    """Report every inconsistency at its line; True if the taxonomy can be used."""
    problems, data = site.problems, source.data
    before = len(problems.errors)

    def error(key_path, message):
        problems.error(source.path, source.line(*key_path), field_label(key_path), message)

    for group, keys in (("categories", ("slug",)), ("power_kinds", ("slug", "name"))):
        for key in keys:
            seen = {}
            for number, entry in enumerate(data[group]):
                first = seen.setdefault(entry[key], number)
                if first != number:
                    error((group, number, key), f"“{entry[key]}”与第 {source.line(group, first, key)} 行重复："
                                                f"{'网址名决定页面的地址' if key == 'slug' else '名称'}必须各不相同。")
    slugs = {category["slug"] for category in data["categories"]}
    for group in ("fixed_columns", "active_disclosure"):
        for number, entry in enumerate(data[group]):
            if "category" in entry and entry["category"] not in slugs:
                error((group, number, "category"), f"栏目分类“{entry['category']}”不在 categories 中，应为以下之一：{'、'.join(sorted(slugs))}。")
            elif "category" not in entry and not ("name" in entry and "path" in entry):
                error((group, number), "每一项要么写 category（categories 中的 slug），要么同时写 name 和 path。")
    if not data["interpretation_forms"]:
        error(("interpretation_forms",), "至少要写一种解读形式，例如 [文字解读]：没有写 form 的解读默认用第一种。")
    return len(problems.errors) == before

