"""The desk's interface text, in Chinese (the default) and English.

Every sentence the desk shows an editor comes from here, refusals included: a Chinese page
must not fall back to English when something goes wrong. A refusal is a `DeskError` that
names its message by key, so the page can say it in the editor's language.
"""
from __future__ import annotations

from auditor.errors import AuditorError

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "数字核查台",
        "subtitle": "粘贴或上传稿件，检查文中数字是否自洽",
        "paste": "粘贴稿件",
        "upload": "或上传文件（.txt .md .html .docx）",
        "one_source": "粘贴稿件与上传文件二选一。",
        "rules": "核查规则",
        "auto": "自动：匹配的规则文件",
        "none": "仅自动发现（不用规则文件）",
        "audit": "核查",
        "samples": "示例稿件",
        "download": "下载报告",
        "suggest": "生成建议规则",
        "suggested": "建议的规则文件（请逐条审阅，可直接修改）",
        "save_as": "保存到 {folder} 下，文件名",
        "confirm": "我已审阅，确认保存（不会覆盖已有文件）",
        "save": "保存规则",
        "saved": "已保存",
        "error": "出错",
        "other_lang": "English",
        # Refusals, by DeskError key.
        "nothing": "请粘贴稿件，或选择一个文件。",
        "both": "既粘贴了稿件又选择了文件，不知道该核查哪一个：请清空粘贴框，或取消所选文件。",
        "empty_file": "所选文件“{name}”是空的。",
        "not_article": "“{name}”不是稿件文件（可用“{suffixes}”）。",
        "too_large": "稿件超过 {limit:,} 字节的上限。",
        "no_sample": "没有名为“{name}”的示例稿件。",
        "no_rules": "没有名为“{name}”的规则文件。",
        "confirm_first": "请先勾选确认框，再保存。",
        "bad_name": "规则文件名只能由英文字母、数字、- 和 _ 组成（最多 80 个字符），且以字母或数字开头。",
        "exists": "“{name}”已存在，请换一个文件名（不会覆盖已有文件）。",
        "bad_keys": "规则文件的顶层只能是 article、figures、checks 三项，未保存。",
        "bad_rule_file": "规则文件有误，未保存。",
        "rule_file_error": "规则文件有误。",
        "unreadable": "无法读取或核查这篇稿件。",
    },
    "en": {
        "title": "Figure desk",
        "subtitle": "Paste or upload an article and check that its figures add up",
        "paste": "Paste the article",
        "upload": "or upload a file (.txt .md .html .docx)",
        "one_source": "Paste an article or upload a file, not both.",
        "rules": "Rules",
        "auto": "Auto: the matching rule files",
        "none": "Discovery only (no rule file)",
        "audit": "Audit",
        "samples": "Sample articles",
        "download": "Download the report",
        "suggest": "Suggest rules",
        "suggested": "Suggested rule file (review every check; you may edit it)",
        "save_as": "Save in {folder} as",
        "confirm": "I have reviewed it; save it (never overwrites)",
        "save": "Save rules",
        "saved": "Saved",
        "error": "Error",
        "other_lang": "中文",
        "nothing": "Paste an article or choose a file.",
        "both": "Both a pasted article and a file were given: clear the text box or the file, then audit again.",
        "empty_file": "The file {name} is empty.",
        "not_article": "{name} is not an article file ({suffixes}).",
        "too_large": "The article is larger than {limit:,} bytes.",
        "no_sample": "There is no sample named {name}.",
        "no_rules": "There is no rule file named {name}.",
        "confirm_first": "Tick the confirmation box to save.",
        "bad_name": "A rule file name is letters, digits, - and _ (up to 80), starting with a letter or digit.",
        "exists": "{name} already exists; choose another name (nothing is overwritten).",
        "bad_keys": "A rule file's top level is exactly article, figures and checks; not saved.",
        "bad_rule_file": "The rule file is not valid; not saved.",
        "rule_file_error": "A rule file is not valid.",
        "unreadable": "The article could not be read or audited.",
    },
}


class DeskError(AuditorError):
    """A refusal the desk explains in the editor's language: a message key and its values.
    `detail`: a located technical reason (file:line:col) shown beside it as code."""

    def __init__(self, key: str, detail: str = "", **values: object) -> None:
        super().__init__(TEXTS["en"][key].format(**values) + (f": {detail}" if detail else ""))
        self.key, self.detail, self.values = key, detail, values

    def message(self, lang: str) -> str:
        return texts(lang)[self.key].format(**self.values)


def texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["zh"])
