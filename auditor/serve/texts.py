"""The desk's interface text, in Chinese (the default) and English."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "数字核查台",
        "subtitle": "粘贴或上传稿件,检查文中数字是否自洽",
        "paste": "粘贴稿件",
        "upload": "或上传文件 (.txt .md .html .docx)",
        "rules": "核查规则",
        "auto": "自动:匹配的规则文件",
        "none": "仅自动发现(不用规则文件)",
        "audit": "核查",
        "samples": "示例稿件",
        "download": "下载报告",
        "suggest": "生成建议规则",
        "suggested": "建议的规则文件(请逐条审阅)",
        "save_as": "保存为 rules/ 下的文件名",
        "confirm": "我已审阅,确认保存(不会覆盖已有文件)",
        "save": "保存规则",
        "saved": "已保存",
        "error": "出错",
        "other_lang": "English",
    },
    "en": {
        "title": "Figure desk",
        "subtitle": "Paste or upload an article and check that its figures add up",
        "paste": "Paste the article",
        "upload": "or upload a file (.txt .md .html .docx)",
        "rules": "Rules",
        "auto": "Auto: the matching rule files",
        "none": "Discovery only (no rule file)",
        "audit": "Audit",
        "samples": "Sample articles",
        "download": "Download the report",
        "suggest": "Suggest rules",
        "suggested": "Suggested rule file (review every check)",
        "save_as": "Save as a file name under rules/",
        "confirm": "I have reviewed it; save it (never overwrites)",
        "save": "Save rules",
        "saved": "Saved",
        "error": "Error",
        "other_lang": "中文",
    },
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["zh"])
