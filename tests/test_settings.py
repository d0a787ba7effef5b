"""The typed settings: defaults, checked values, the JSON file, the old Qt INI file,
and the command line reading them."""

import json

import pytest

from effnet_app.core.paths import config_dir
from effnet_app.settings import FILE, Settings


def test_defaults_without_a_file(tmp_path):
    s = Settings.load(tmp_path)
    assert s == Settings() and s.top_k == 5 and s.theme == "system" and s.live_mirror is False
    assert not (tmp_path / FILE).exists()  # reading writes nothing


def test_a_change_is_saved_and_read_back(tmp_path):
    Settings.load(tmp_path).change(top_k=3, theme="dark", last_folder="/data/rocks", live_mirror=True)
    again = Settings.load(tmp_path)
    assert (again.top_k, again.theme, again.last_folder, again.live_mirror) == (3, "dark", "/data/rocks", True)
    assert json.loads((tmp_path / FILE).read_text())["top_k"] == 3


@pytest.mark.parametrize("name, value", [("top_k", "five"), ("top_k", 0), ("top_k", True), ("theme", "purple"),
                                         ("device", 3), ("no_such_setting", 1), ("mirror", "a\x00b")])
def test_a_wrong_value_is_refused_by_change(tmp_path, name, value):
    s = Settings.load(tmp_path)
    with pytest.raises((ValueError, AttributeError)):
        s.change(**{name: value})
    assert s == Settings() and not (tmp_path / FILE).exists()


def test_a_hand_edited_file_keeps_what_is_valid(tmp_path):
    (tmp_path / FILE).write_text(json.dumps({"top_k": "7", "theme": "purple", "device": ["cuda"], "mode": "full",
                                             "live_mirror": "1", "page": 10**9, "unknown": 1}))
    s = Settings.load(tmp_path)
    assert (s.top_k, s.theme, s.device, s.mode, s.live_mirror, s.page) == (7, "system", "auto", "full", True, 0)


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b"\xff\xfe\x00", b"null"])
def test_a_damaged_file_gives_the_defaults(tmp_path, content):
    (tmp_path / FILE).write_bytes(content)
    assert Settings.load(tmp_path) == Settings()


def test_settings_of_the_qt_ini_era_are_read_once(qapp, tmp_path):
    """Values written by Qt's QSettings (quoted strings with commas, an int, Qt's own
    byte-array notation) are taken over; the JSON file then wins."""
    from PySide6.QtCore import QByteArray, QSettings

    old = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for key, value in {"top_k": 2, "last_folder": "/data/rocks, thin sections", "language": "zh_CN",
                       "geometry": QByteArray(b"\x01\x02"), "live_mirror": 1, "theme": "dark"}.items():
        old.setValue(key, value)
    old.sync()
    s = Settings.load(tmp_path)
    assert (s.top_k, s.last_folder, s.language, s.live_mirror, s.theme) == (2, "/data/rocks, thin sections", "zh_CN",
                                                                            True, "dark")
    assert s.geometry == ""  # Qt's binary notation is not carried over: the window opens at its default size
    s.change(top_k=4)
    assert Settings.load(tmp_path).top_k == 4


def test_the_command_line_downloads_from_the_mirror_set_in_the_app(studio_home):
    from effnet_app.cli import get_parser

    assert get_parser().parse_args(["predict", "m.effnet", "x.png"]).mirror is None
    Settings.load().change(mirror="http://mirror.lab/weights/")
    assert (config_dir() / FILE).is_file()
    assert get_parser().parse_args(["predict", "m.effnet", "x.png"]).mirror == "http://mirror.lab/weights/"
    assert get_parser().parse_args(["predict", "m.effnet", "x.png", "--mirror", "http://other/"]).mirror == "http://other/"


def test_the_none_of_these_share_is_kept_per_model_and_a_damaged_table_is_dropped(tmp_path):
    s = Settings.load(tmp_path)
    s.change(unknown_shares={"/models/rocks.effnet": 0.1})
    assert Settings.load(tmp_path).unknown_shares == {"/models/rocks.effnet": 0.1}
    for bad in ({"/m.effnet": "ten"}, {"/m.effnet": 7.0}, ["not", "a", "table"], {"/m.effnet": True}):
        assert Settings.from_dict({"unknown_shares": bad}).unknown_shares == {}
