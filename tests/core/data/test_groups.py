"""The validation split keeps copies, views of one scene and specimens on one side."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from effnet_app.core.data.dataset import scan_folder, stratified_split
from effnet_app.core.data.groups import grouped_folds, grouped_split, picture_groups, shared_groups
from effnet_app.core.data.images import open_image
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.run import train


def test_whole_groups_go_to_one_side_and_every_class_is_validated():
    samples = [(Path(f"{c}/{i}.png"), c) for c in range(3) for i in range(12)]
    groups = [s[1] * 100 + i // 3 for i, s in enumerate(samples)]  # 4 groups of 3 per class
    for seed in range(10):
        train_i, val_i = grouped_split(samples, groups, 0.25, seed)
        assert sorted(train_i + val_i) == list(range(len(samples)))
        assert not {groups[i] for i in train_i} & {groups[i] for i in val_i}
        assert {samples[i][1] for i in val_i} == {0, 1, 2} and {samples[i][1] for i in train_i} == {0, 1, 2}
        assert len(val_i) == 9  # a quarter of each class: one group of three
    big = [s[1] * 100 + (0 if i % 12 < 10 else i % 12) for i, s in enumerate(samples)]  # a group of 10 and two single pictures
    for seed in range(10):
        train_i, val_i = grouped_split(samples, big, 0.2, seed)
        assert {samples[i][1] for i in val_i} == {0, 1, 2} == {samples[i][1] for i in train_i}
        assert all(big[i] % 100 != 0 for i in val_i)  # the group of ten always trains


def test_a_copy_and_its_original_never_straddle_the_split(small_rocks_copy):
    original = sorted((small_rocks_copy / "Chert").iterdir())[2]
    with Image.open(original) as img:
        w, h = img.size
        img.resize((w * 7 // 10, h * 7 // 10)).save(small_rocks_copy / "Bauxite" / "copy.jpg", quality=85)
    index = scan_folder(small_rocks_copy)
    images = [open_image(p) for p, _ in index.samples]
    groups = picture_groups("views", index.samples, index.root, images)
    where = {str(p): i for i, (p, _) in enumerate(index.samples)}
    a, b = where[str(original)], where[str(small_rocks_copy / "Bauxite" / "copy.jpg")]
    assert groups[a] == groups[b] and shared_groups(groups) >= 1
    straddled = 0
    for seed in range(10):
        train_i, val_i = grouped_split(index.samples, groups, 0.25, seed)
        assert (a in val_i) == (b in val_i)
        tr, va = stratified_split(index.samples, 0.25, seed)  # picture by picture: the leak
        straddled += (index.samples[a] in va) != (index.samples[b] in va)
    assert straddled >= 1


def test_a_sub_folder_of_a_class_is_one_specimen(tmp_path):
    root = tmp_path / "data"
    samples = []
    for cls, label in (("A", 0), ("B", 1)):
        for spec in ("s1", "s2"):
            for i in range(2):
                samples.append((root / cls / spec / f"{i}.png", label))
        samples.append((root / cls / "loose.png", label))
    groups = picture_groups("subfolders", samples, root)
    assert groups[0] == groups[1] != groups[2] == groups[3] and len(set(groups)) == 6
    assert shared_groups(groups) == 4


def test_a_file_name_prefix_is_one_slide(tmp_path):
    root = tmp_path / "data"
    names = [("A", "slide12_003.jpg"), ("A", "slide12_007.jpg"), ("A", "slide-13-1.jpg"), ("A", "slide-13-2.jpg"),
             ("A", "loose.jpg"), ("B", "slide12_003.jpg"), ("B", "x 1.png")]
    samples = [(root / cls / name, int(cls == "B")) for cls, name in names]
    groups = picture_groups("prefix", samples, root)
    assert groups[0] == groups[1] and groups[2] == groups[3] and groups[0] != groups[2]
    assert len(set(groups)) == 5  # the loose picture, and the same prefix in another class, stand alone
    assert shared_groups(groups) == 2


def test_training_reports_its_groups_and_older_settings_split_by_picture(small_rocks):
    res = train(TrainConfig(mode="quick", val_fraction=0.25, seed=1), small_rocks)
    assert res.config.split == "views" and res.groups >= 1  # the small rocks are overlapping tiles
    assert res.model_meta().train_config["split"] == "views"
    assert TrainConfig.from_dict({"mode": "quick"}).split == "random"


def test_grouped_folds_keep_groups_whole_and_spread_each_class():
    labels = [c for c in range(3) for _ in range(12)]
    groups = [i // 3 for i in range(36)]  # 4 groups of 3 per class
    folds = grouped_folds(labels, groups, 4, seed=0)
    assert sorted(i for f in folds for i in f) == list(range(36))
    for f in folds:
        for other in folds:
            assert f is other or not {groups[i] for i in f} & {groups[i] for i in other}
        assert sorted(labels[i] for i in f) == [0, 0, 0, 1, 1, 1, 2, 2, 2]  # one group of each class per fold
