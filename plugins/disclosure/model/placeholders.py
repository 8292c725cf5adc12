"""The placeholders ``invoke new`` writes into a new item: errors until a clerk replaces them,
so a document whose 文号 reads 请填写文号 cannot be published.
"""

DOC_NUMBER = "请填写文号"
BODY = "（在这里写正文。标题用“一、”“（一）”，每项任务后写“责任科室：”。）"
REPORT_BODY = "（在这里写报告的前言：编制依据、统计期限和联系方式。）"
VALUE_MARK = "请填写"  # any front-matter value with it is a placeholder
GUIDE_LIST = "请填写一项，每项一行"  # conditions, materials and steps of a new 办事指南
POWER_CODE = "请填写事项编码"
DATASET = "请填写明细表文件名.csv"
SOURCE_NAME = "请填写来源"
SOURCE_URL = "https://请填写原文网址/"
BODY_MARK = "（在这里写"  # and any body with it


def is_placeholder(value):
    return isinstance(value, str) and VALUE_MARK in value


def placeholder_fields(meta, path=()):
    """Key paths of front-matter values that still hold a placeholder."""
    if isinstance(meta, str):
        return [path] if VALUE_MARK in meta else []
    if isinstance(meta, dict):
        return [found for key, value in meta.items() for found in placeholder_fields(value, path + (key,))]
    if isinstance(meta, list):
        return [found for number, value in enumerate(meta) for found in placeholder_fields(value, path + (number,))]
    return []
