"""Real transfer learning with Lite0's real ImageNet weights on real (shrunk) micrographs."""

import numpy as np
import pytest
import torch

from effnet_app.core.store import model_file as bundle
from effnet_app.core.errors import ConfigError
from effnet_app.core.events import Batch, Epoch, Notice, Probe
from effnet_app.core.inference.predict import Classifier
from effnet_app.core.progress import CancelToken
from effnet_app.core.training.config import TrainConfig
from effnet_app.core.training.run import train


class Recorder:
    def __init__(self, cancel_after_batches=None, token=None):
        self.fractions, self.messages, self.events = [], [], []
        self.cancel_after, self.token = cancel_after_batches, token

    def progress(self, fraction, message=""):
        self.fractions.append(fraction)
        self.messages.append(message)

    def event(self, event):
        self.events.append(event)
        if isinstance(event, Batch) and self.cancel_after is not None:
            if len(self.of(Batch)) >= self.cancel_after:
                self.token.cancel()

    def of(self, kind):
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture(scope="module")
def quick_result(small_rocks):
    rec = Recorder()
    # Picture by picture: these tests are about learning; the grouped split has its own.
    res = train(TrainConfig(mode="quick", val_fraction=0.25, seed=1, split="random"), small_rocks, rec)
    return res, rec


def test_the_bar_keeps_moving_through_the_calibration(quick_result):
    """The calibration is half of a quick training's time: it used to run at a silent
    97 % ("about 0 s left" for 11 s). Now it has its share of the bar, fold by fold."""
    _res, rec = quick_result
    assert rec.fractions == sorted(rec.fractions) and rec.fractions[-1] == 1.0
    last_phase = [(f, m) for f, m in zip(rec.fractions, rec.messages) if 0.6 <= f < 1.0]
    assert len({f for f, _m in last_phase}) >= 10
    folds = [m for _f, m in last_phase if m.startswith("Checking each answer on pictures held out in turn")]
    assert "Checking each answer on pictures held out in turn (6 of 6)" in folds
    assert 0.9 < max(f for f, m in last_phase if m in folds) <= 0.99


def test_quick_mode_learns_real_classes(quick_result, small_rocks):
    res, rec = quick_result
    assert res.status == "completed"
    assert res.evaluation.count == 6
    assert res.evaluation.accuracy >= 5 / 6
    assert rec.fractions[-1] == 1.0
    assert min(np.diff(rec.fractions)) >= -1e-9, "the bar never jumps back"
    assert "cpu" in res.device.lower()


def test_bundle_round_trip_predicts_the_same(quick_result, small_rocks, tmp_path):
    res, _ = quick_result
    path = res.save(tmp_path / "m.effnet")
    clf = Classifier.load(path, device="cpu")
    assert clf.classes == res.classes
    img = next((small_rocks / "鲕粒灰岩").iterdir())
    pred = clf.predict_file(img, top_k=2)
    assert pred.label == "鲕粒灰岩"
    assert len(pred.top) == 2 and pred.top[0][1] >= pred.top[1][1]
    meta = bundle.load_model(path).meta
    assert meta.variant == "lite0" and meta.pretrained is True
    assert len(meta.evaluation.confusion) == 3
    assert meta.app_version and meta.created
    tiled = clf.predict_file(img, tiled=True)
    assert tiled.label == "鲕粒灰岩"


def test_quick_mode_calibrates_and_answers_none_of_these_for_steel(quick_result, small_rocks, steel_pictures,
                                                                    tmp_path):
    """The temperature, the unknown score and its threshold are fitted at training time,
    stored, and used by a classifier loaded from the file."""
    res, _ = quick_result
    c = res.calibration
    assert c.has_unknown and 0.05 < c.temperature < 20
    assert res.evaluation.ece is not None and res.evaluation.unknown_count is not None
    clf = Classifier.load(res.save(tmp_path / "m.effnet"), device="cpu")
    assert clf.calibration.temperature == pytest.approx(c.temperature)
    steel = clf.predict_paths(steel_pictures)
    assert all(p.unknown for p in steel) and min(p.unknown_score for p in steel) > clf.calibration.threshold()
    rocks = clf.predict_paths(sorted(small_rocks.rglob("*.jpg")))
    assert sum(p.unknown for p in rocks) <= 2, "the training pictures are like the training pictures"
    clf.set_unknown_share(0.0)
    assert not any(p.unknown for p in clf.predict_paths(steel_pictures[:3])), "share 0 turns the answer off"


def test_quick_mode_is_deterministic(small_rocks, quick_result):
    res, _ = quick_result
    again = train(TrainConfig(mode="quick", val_fraction=0.25, seed=1, split="random"), small_rocks)
    assert torch.equal(again.net.classifier[1].weight, res.net.classifier[1].weight)


def test_bad_files_are_skipped_and_training_runs(small_rocks_copy, rocks_dir):
    chert = small_rocks_copy / "Chert"
    real = next((rocks_dir / "Chert").iterdir()).read_bytes()
    (chert / "zz_cut.jpg").write_bytes(real[:3000])
    (chert / "zz_text.jpg").write_text("not an image at all")
    res = train(TrainConfig(mode="quick", val_fraction=0.25), small_rocks_copy, probe_image=chert / "zz_text.jpg")
    assert res.status == "completed"
    bad = {p.path.rsplit("/", 1)[-1] for p in res.problems if p.severity == "error"}
    assert {"zz_cut.jpg", "zz_text.jpg"} <= bad
    assert any("probe image is left out" in p.message for p in res.problems if p.severity == "warning")


def test_full_mode_cancel_then_resume(small_rocks, tmp_path):
    cfg = TrainConfig(mode="full", epochs=2, batch_size=8, val_fraction=0.25, image_size=128, patience=5)
    ckpt = tmp_path / "m.effnet.ckpt"
    token = CancelToken()
    # 18 training images / batch 8 = 2 batches per epoch: cancel in the 2nd epoch
    rec = Recorder(cancel_after_batches=3, token=token)
    probe_image = sorted((small_rocks / "Bauxite").iterdir())[0]
    res = train(cfg, small_rocks, rec, token, checkpoint=ckpt, probe_image=probe_image)
    assert res.status == "cancelled"
    probes = rec.of(Probe)
    assert [p.epoch for p in probes] == [0, 1], "after the head fit and after each finished epoch"
    assert {c for c, _ in probes[0].top} <= {"Bauxite", "Chert", "鲕粒灰岩"} and probes[0].gates == []
    assert not np.allclose(probes[0].probs, probes[1].probs), "the epoch changed the prediction"
    assert len(res.history) == 1 and ckpt.exists()
    assert not list(tmp_path.glob(".*.partial")), "no half-written file"
    rec2 = Recorder()
    resumed = train(cfg, small_rocks, rec2, checkpoint=ckpt, resume=True)
    assert resumed.status == "completed"
    assert res.calibration is None, "a cancelled run is not calibrated"
    assert resumed.calibration.has_unknown, "full mode: score on the training features, threshold on the validation's"
    assert resumed.evaluation.ece is not None
    assert [h["epoch"] for h in resumed.history] == [1, 2]
    assert resumed.history[0] == res.history[0]
    assert resumed.best_epoch in (1, 2)
    epochs = rec2.of(Epoch)
    assert [e.epoch for e in epochs] == [2], "resume starts after the last finished epoch"


@pytest.mark.parametrize("hardware_bf16", [True, False])
def test_full_mode_precision_follows_the_cpu_and_is_shown(small_rocks, monkeypatch, hardware_bf16):
    """bfloat16 autocast where the CPU computes it in hardware; float32 where it would be
    emulated, whatever was asked. The weights stay float32 either way."""
    from effnet_app.core import devices

    caps = {**torch.cpu.get_capabilities(), "avx512_bf16": hardware_bf16, "amx_bf16": False}
    monkeypatch.setattr(torch.cpu, "get_capabilities", lambda: caps)
    used = []
    real_autocast = torch.autocast
    monkeypatch.setattr(torch, "autocast", lambda *a, **k: used.append((k.get("dtype"), k.get("enabled"))) or real_autocast(*a, **k))
    cfg = TrainConfig(mode="full", epochs=1, batch_size=8, val_fraction=0.25, image_size=128, precision="amp")
    res = train(cfg, small_rocks)
    expected = "bf16" if hardware_bf16 else "fp32"
    assert res.precision == expected and res.device.endswith(", bf16") == hardware_bf16
    assert used and all(enabled == hardware_bf16 and dtype == torch.bfloat16 for dtype, enabled in used)
    assert all(p.dtype == torch.float32 for p in res.net.parameters())
    assert np.isfinite(res.history[0]["train_loss"])
    assert devices.training_precision(torch.device("cpu"), "full", "fp32") == "fp32"
    assert devices.training_precision(torch.device("cpu"), "quick", "amp") == "fp32"


def test_a_batch_in_parts_is_the_same_step_as_in_one():
    """The CPU's parts (and the GPU's after out-of-memory) give the gradients of the
    whole batch, class weights and label smoothing included; and a CPU batch of 320 px
    pictures goes through in parts of two."""
    import copy

    from effnet_app.core.models.network import build_net
    from effnet_app.core.models.variants import get_variant
    from effnet_app.core.training.loop import Stepper, cpu_parts

    assert cpu_parts(16, 320) == 8 and cpu_parts(16, 224) == 4 and cpu_parts(8, 128) == 1 and cpu_parts(3, 900) == 3
    torch.manual_seed(0)
    net = build_net(get_variant("lite0"), 3, pretrained=True)
    cfg = TrainConfig(mode="full", batch_size=6, image_size=96, label_smoothing=0.1)
    x, y = torch.randn(6, 3, 96, 96), torch.tensor([0, 0, 0, 0, 1, 2])
    weight = torch.tensor([0.5, 2.0, 2.0])
    results = []
    for parts in (1, 3):
        copy_ = copy.deepcopy(net).eval()  # no dropout; BatchNorm frozen as in training
        stepper = Stepper(copy_, cfg, torch.device("cpu"), Recorder(), weight)
        stepper.amp, stepper.parts = False, parts
        loss, correct = stepper.step(x, y)
        results.append((loss, correct, [p.grad.clone() for p in copy_.parameters()]))
    (loss1, correct1, grads1), (loss3, correct3, grads3) = results
    assert loss1 == pytest.approx(loss3, rel=1e-5) and correct1 == correct3
    for g1, g3 in zip(grads1, grads3):
        torch.testing.assert_close(g1, g3, rtol=1e-4, atol=1e-6)


def test_no_pretrained_says_so(small_rocks, quick_result):
    res = train(TrainConfig(mode="quick", pretrained=False, val_fraction=0.25, seed=1), small_rocks)
    assert any("random weights" in p.message for p in res.problems)
    assert res.model_meta().pretrained is False
    # the feature cache must not hand the pretrained run's features to this one
    assert not torch.equal(res.net.classifier[1].weight, quick_result[0].net.classifier[1].weight)


def test_config_errors():
    with pytest.raises(ConfigError):
        TrainConfig(mode="slow").validate()
    with pytest.raises(ConfigError):
        TrainConfig(val_fraction=1.5).validate()
    with pytest.raises(ConfigError, match="resume"):
        train(TrainConfig(mode="full"), ".", resume=True, checkpoint=None)


class _SimulatedMemory:
    """Out-of-memory on the CPU, through the same code path as on a GPU: the network
    raises ``torch.OutOfMemoryError`` (CUDA's own error type) for more than ``fits``
    images at once. A global forward pre-hook, so the trainer itself is untouched."""

    def __init__(self, fits: int) -> None:
        self.fits, self.largest = fits, 0
        self.refused = {"training": 0, "inference": 0}

    def __enter__(self):
        from effnet_app.core.models.network import LiteFeatures, Net

        def hook(module, args):  # the trunk too: validation runs it without Net.forward (features + head)
            if isinstance(module, (Net, LiteFeatures)):
                n = args[0].shape[0]
                if n > self.fits:
                    self.refused["training" if module.training else "inference"] += 1
                    raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB (simulated)")
                self.largest = max(self.largest, n)

        self._handle = torch.nn.modules.module.register_module_forward_pre_hook(hook)
        return self

    def __exit__(self, *exc):
        self._handle.remove()


def test_out_of_memory_lowers_the_images_at_once_and_training_goes_on(small_rocks, tmp_path):
    cfg = TrainConfig(mode="full", epochs=2, batch_size=8, val_fraction=0.25, image_size=128, patience=5)
    rec = Recorder()
    with _SimulatedMemory(fits=3) as memory:
        res = train(cfg, small_rocks, rec, checkpoint=tmp_path / "ckpt.effnet")
    assert res.status == "completed" and [h["epoch"] for h in res.history] == [1, 2]
    notices = rec.of(Notice)
    # 8 -> 4 still too many -> 2: said twice, then every batch fits for the rest of the run
    assert [n.images_at_once for n in notices] == [4, 2]
    assert "ran out of memory" in notices[0].text and "training goes on" in notices[0].text
    assert memory.refused["training"] == 2 and memory.largest <= 3
    assert memory.refused["inference"] > 0  # validation batches were halved too, quietly
    batches = rec.of(Batch)
    assert len(batches) == 4 and all(np.isfinite(b.loss) for b in batches)
    assert res.evaluation is not None and res.evaluation.count == sum(map(sum, res.evaluation.confusion)) > 0


def test_no_memory_even_for_one_image_is_a_sentence(small_rocks):
    cfg = TrainConfig(mode="full", epochs=1, batch_size=4, val_fraction=0.25, image_size=128)
    with _SimulatedMemory(fits=0), pytest.raises(ConfigError, match="not have enough memory even for one image"):
        train(cfg, small_rocks, Recorder())


def test_a_checkpoint_that_cannot_be_written_is_reported_and_training_goes_on(small_rocks, small_disk):
    cfg = TrainConfig(mode="full", epochs=2, batch_size=8, val_fraction=0.25, image_size=128, patience=5)
    rec = Recorder()
    with small_disk.full():
        res = train(cfg, small_rocks, rec, checkpoint=small_disk.path / "ckpt.effnet")
    assert res.status == "completed" and len(res.history) == 2
    notices = [n.text for n in rec.of(Notice)]
    assert len(notices) == 1, "said once, not every epoch"
    assert "Could not save 'ckpt.effnet'" in notices[0] and "could not be resumed" in notices[0]
    assert sorted(p.name for p in small_disk.path.iterdir()) == []


def test_progress_speaks_plain_words(small_rocks):
    """The quick training's messages say what happens to the pictures, not "features"
    or "cache" (a first-run user read "Features ready (0 of 190 from cache)")."""
    messages = []

    class Words(Recorder):
        def progress(self, fraction, message=""):
            messages.append(message)

    train(TrainConfig(mode="quick", val_fraction=0.25), small_rocks, Words())
    text = " ".join(messages).lower()
    assert "pictures looked at" in text and "cache" not in text and "feature" not in text


@pytest.mark.parametrize("variant", ["lite0", "b0"])
def test_layer_decay_slows_the_first_layers_and_covers_every_weight_once(variant):
    from effnet_app.core.models.network import build_net
    from effnet_app.core.models.variants import get_variant
    from effnet_app.core.training.loop import optimizer

    net = build_net(get_variant(variant), None, False)
    groups = optimizer(net, TrainConfig(lr=1e-3, layer_decay=0.1)).param_groups
    rates = [g["lr"] for g in groups]
    assert rates[0] == pytest.approx(1e-4) and rates[-1] == pytest.approx(1e-3) and rates == sorted(rates)
    assert all(g["base_lr"] == g["lr"] for g in groups)
    ids = [id(p) for g in groups for p in g["params"]]
    assert sorted(ids) == sorted(id(p) for p in net.parameters())  # each weight in exactly one group
    assert {g["lr"] for g in optimizer(net, TrainConfig(lr=1e-3)).param_groups} == {1e-3}
    with pytest.raises(ConfigError):
        TrainConfig(layer_decay=0).validate()
