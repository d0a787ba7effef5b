"""English and Simplified Chinese: every string wrapped, every catalogue entry
finished and consistent, the compiled catalogues current, the language chosen as
documented, and the CLI and core speaking it. The window itself in Chinese is
tests/gui/test_chinese_window.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import i18n_lint, translations

ROOT = Path(__file__).resolve().parents[1]


def test_no_user_visible_string_is_left_unwrapped():
    findings = i18n_lint.check_paths([ROOT / "effnet_app"])
    assert not findings, "\n".join(map(str, findings))


def test_the_lint_finds_an_unwrapped_string():
    source = '''
class Page:
    def build(self):
        self.button = QPushButton("Start training")        # found
        self.label.setText(f"Saved {n} images")             # found
        self.ok = QPushButton(self.tr("Start training"))    # wrapped
        self.setObjectName("trainPage")                     # a name, not prose
        if kind == "epoch done":                            # a comparison
            pass
        raise ValueError("a developer's message")           # not for people
        self.hint = "Look here"  # i18n: ignore
'''
    found = [f.text for f in i18n_lint.check_source(source)]
    assert found == ["Start training", "Saved "]


def test_catalogues_are_complete_consistent_and_released():
    """lupdate over the code finds no string missing from the .ts files, no zh_CN
    (or English plural) entry is unfinished, placeholders and HTML tags match, and
    the committed .qm files are what lrelease makes of the .ts files."""
    problems = translations.problems()
    assert not problems, "\n".join(problems)
    zh = translations.read(translations.FOLDER / "effnet_zh_CN.ts")
    assert len(zh) > 500 and all(m.forms[0] for m in zh)


def test_the_check_fails_on_an_unfinished_entry(tmp_path, monkeypatch):
    ts = tmp_path / "effnet_zh_CN.ts"
    text = (translations.FOLDER / "effnet_zh_CN.ts").read_text(encoding="utf-8")
    ts.write_text(text.replace("<translation>开始训练</translation>",
                               '<translation type="unfinished"></translation>', 1), encoding="utf-8")
    (tmp_path / "effnet_en.ts").write_text((translations.FOLDER / "effnet_en.ts").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    for name in ("effnet_zh_CN.qm", "effnet_en.qm"):
        (tmp_path / name).write_bytes((translations.FOLDER / name).read_bytes())
    monkeypatch.setattr(translations, "FOLDER", tmp_path)
    problems = translations.problems()
    assert any("unfinished" in p and "Start training" in p for p in problems), problems
    assert any("effnet_zh_CN.qm is older" in p for p in problems), problems


def _run(code: str, **env) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("EFFNET_LANGUAGE", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    environ.update(env)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.mark.parametrize("env, setting, expected", [
    ({"LANG": "zh_CN.UTF-8"}, None, "zh_CN"),      # first start: the system's language
    ({"LANG": "zh_TW.UTF-8"}, None, "zh_CN"),      # the closest the app has
    ({"LANG": "de_DE.UTF-8"}, None, "en"),         # not spoken: English
    ({"LANG": "zh_CN.UTF-8"}, "en", "en"),         # the setting wins over the system
    ({"LANG": "en_US.UTF-8"}, "zh_CN", "zh_CN"),
    ({"LANG": "zh_CN.UTF-8", "EFFNET_LANGUAGE": "en"}, "zh_CN", "en"),  # the variable wins over both
])
def test_language_follows_system_then_setting(studio_home, env, setting, expected):
    if setting:
        from PySide6.QtCore import QSettings

        from effnet_app.core.paths import config_dir

        config_dir().mkdir(parents=True, exist_ok=True)
        s = QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
        s.setValue("language", setting)
        s.sync()
    code = "from effnet_app import languages; print(languages.resolve())"
    assert _run(code, EFFNET_STUDIO_HOME=str(studio_home), **env) == expected


def test_cli_speaks_chinese(studio_home, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "EFFNET_LANGUAGE"}
    env.update(LANG="zh_CN.UTF-8", EFFNET_STUDIO_HOME=str(studio_home))
    cli = [sys.executable, "-m", "effnet_app.cli"]
    proc = subprocess.run([*cli, "predict", "imagenet:lite0", str(tmp_path / "缺失")], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"错误：文件或文件夹“{tmp_path / '缺失'}”不存在。"
    out = subprocess.run([*cli, "variants"], capture_output=True, text=True, env=env, timeout=120).stdout
    assert out.splitlines()[0].startswith("名称")
    assert "已安装（可离线使用）" in out
    help_text = subprocess.run([*cli, "train", "--help"], capture_output=True, text=True, env=env, timeout=120).stdout
    assert "每个类别各有一个图片子文件夹的文件夹" in help_text and help_text.startswith("用法：")
    wrong = subprocess.run([*cli, "train"], capture_output=True, text=True, env=env, timeout=120)
    assert wrong.returncode == 2 and "缺少以下必需的参数：data, --out" in wrong.stderr  # argparse's own


def test_core_sentences_follow_the_active_language(tmp_path):
    from effnet_app import languages
    from effnet_app.core.data.dataset import scan_folder
    from effnet_app.core.errors import DatasetError

    try:
        languages.activate("zh_CN")
        with pytest.raises(DatasetError, match="不存在"):
            scan_folder(tmp_path / "nowhere")
        languages.activate("en")
        with pytest.raises(DatasetError, match="does not exist"):
            scan_folder(tmp_path / "nowhere")
    finally:
        languages.activate("en")


def test_cli_columns_line_up_with_chinese_text():
    from effnet_app.cli.output import cell

    assert cell("鲕粒灰岩", 10) == "鲕粒灰岩  "  # 4 wide characters = 8 columns
    assert cell("Chert", 10, right=True) == "     Chert"
    assert cell("鲕粒灰岩", 5) == "鲕粒 "  # cut on a character, padded to the width
