"""Frame sources, the latest-frame slot, the live loops and the introspection maths."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from effnet_app.core.live.camera import Frame, FrameSlot, FrameSource, snapshot_name
from effnet_app.core.errors import CameraError, EffNetError
from effnet_app.core.events import Disconnected, FrameRead, LiveResult, Reconnected, Reconnecting, SourceEnded, SourceOpened
from effnet_app.core.explain.analyzer import Analyzer, probe, view_box
from effnet_app.core.explain.request import Request
from effnet_app.core.explain.profile import class_profile
from effnet_app.core.live.loops import SourceSpec, Smoother, capture_loop, inference_loop
from effnet_app.core.models.network import build_net, feature_stages, se_blocks
from effnet_app.core.data.preprocess import eval_array
from effnet_app.core.progress import CancelToken
from effnet_app.core.models.variants import get_variant


def _picture(small_rocks: Path) -> Image.Image:
    return Image.open(sorted((small_rocks / "Chert").iterdir())[0]).convert("RGB")


@pytest.fixture(scope="module")
def b0_net(small_rocks):
    """B0 with random convolutions and measured BatchNorm statistics (see conftest):
    its gates vary from channel to channel, as a trained network's do."""
    from tests.conftest import calibrated_b0

    return calibrated_b0(sorted(p for p in small_rocks.rglob("*") if p.is_file()))


@pytest.fixture(scope="module")
def lite0_net():
    return build_net(get_variant("lite0"), pretrained=True).eval()


# -- sources -----------------------------------------------------------------

def test_video_file_is_read_as_a_camera(rock_video):
    with FrameSource(rock_video, pace=0) as src:
        assert src.size == (640, 480) and src.native_fps == pytest.approx(24)
        first = src.read()
        assert first.shape == (480, 640, 3) and first.dtype == np.uint8
        n = 1
        while src.read() is not None:
            n += 1
    assert n == 48 and src.released
    with FrameSource(rock_video, pace=0, mirror=True) as src:
        assert np.array_equal(src.read(), first[:, ::-1])
    with FrameSource(rock_video, pace=0, loop=True) as src:  # a looping file never ends
        assert all(src.read() is not None for _ in range(60))


def test_a_file_is_paced_at_its_frame_rate(rock_video):
    import time

    with FrameSource(rock_video) as src:
        t = time.perf_counter()
        for _ in range(7):
            src.read()
        assert time.perf_counter() - t >= 6 / 24 - 0.01


def test_sources_that_cannot_open_are_sentences(tmp_path):
    with pytest.raises(CameraError, match="does not exist"):
        FrameSource(tmp_path / "missing.avi")
    (tmp_path / "not a video.avi").write_bytes(b"garbage" * 100)
    with pytest.raises(CameraError, match="could not be opened"):
        FrameSource(tmp_path / "not a video.avi")
    with pytest.raises(CameraError, match="camera 'Camera 9' could not be opened"):
        FrameSource(9)


def test_the_slot_keeps_only_the_newest_frame():
    slot = FrameSlot()
    img = np.zeros((2, 2, 3), np.uint8)
    for i in range(3):
        slot.put(Frame(img, i, 0.0))
    assert slot.take().index == 2 and slot.dropped == 2
    assert slot.take(timeout=0.01) is None  # nothing new
    slot.put(Frame(img, 3, 0.0))
    slot.close()
    assert slot.take().index == 3  # the last frame is still delivered after close
    assert slot.take() is None


def test_snapshot_names_never_overwrite(tmp_path):
    first = snapshot_name(tmp_path)
    first.write_bytes(b"x")
    assert snapshot_name(tmp_path) != first


def test_smoother_averages_a_short_window():
    s = Smoother(3)
    for v in ([1, 0], [0, 1], [0, 1]):
        out = s.update(np.array(v, float))
    assert out == pytest.approx([1 / 3, 2 / 3])
    assert s.update(np.array([0, 1], float)) == pytest.approx([0, 1])  # the first one left the window


# -- introspection maths ------------------------------------------------------

@pytest.mark.parametrize("engine", ["onnx", "torch"])
def test_se_gates_match_an_independent_computation(b0_net, small_rocks, engine):
    """sigmoid(fc2(SiLU(fc1(avgpool(x))))) from each block's input, computed here with
    plain tensor algebra, against the gates the analyzer reports."""
    analyzer = Analyzer(b0_net, get_variant("b0"), get_variant("b0").preprocess, [str(i) for i in range(1000)], engine)
    assert analyzer.engine == engine
    img = _picture(small_rocks)
    got = analyzer.analyze(img, Request(gates=True)).gates
    blocks = se_blocks(b0_net)
    assert len(got) == len(blocks) == 16
    inputs = {}
    handles = [m.register_forward_pre_hook(lambda m, a: inputs.__setitem__(m, a[0])) for _, m in blocks]
    with torch.no_grad():
        b0_net(eval_array(img, analyzer.preprocess).unsqueeze(0))
    for h in handles:
        h.remove()
    for (_, m), gate in zip(blocks, got):
        x = inputs[m][0]  # C x H x W
        squeezed = x.mean(dim=(1, 2))
        w1, b1 = m.fc1.weight[:, :, 0, 0], m.fc1.bias
        w2, b2 = m.fc2.weight[:, :, 0, 0], m.fc2.bias
        hidden = w1 @ squeezed + b1
        hidden = hidden * torch.sigmoid(hidden)  # SiLU, B0's activation
        expected = torch.sigmoid(w2 @ hidden + b2).detach().numpy()
        assert gate.shape == (m.fc2.out_channels,) == (x.shape[0],)
        assert 0 < gate.min() and gate.max() < 1
        assert gate.std() > 0.01, "a degenerate network (every gate 0.5) would prove little"
        np.testing.assert_allclose(gate, expected, atol=2e-4)


def test_grad_cam_matches_autograd_through_the_whole_network(lite0_net, small_rocks):
    """The analyzer backpropagates from the last feature map only; a backward pass
    through the whole network, input included, must give the same heat map."""
    v = get_variant("lite0")
    analyzer = Analyzer(lite0_net, v, v.preprocess, [str(i) for i in range(1000)], "onnx")
    img = _picture(small_rocks)
    out = analyzer.analyze(img, Request(gradcam=True))
    assert out.cam.shape == (7, 7) and out.cam.max() == pytest.approx(1) and out.cam.min() >= 0
    assert out.cam_class == int(np.argmax(out.probs))

    target = dict(lite0_net.named_modules())[v.gradcam_layer]
    caught = {}

    def keep(_m, _i, o):
        o.retain_grad()
        caught["a"] = o

    h = target.register_forward_hook(keep)
    x = eval_array(img, v.preprocess).unsqueeze(0).requires_grad_(True)
    logits = lite0_net(x)
    h.remove()
    logits[0, out.cam_class].backward()
    a, g = caught["a"], caught["a"].grad
    cam = F.relu((g.mean((2, 3), keepdim=True) * a).sum(1))[0].detach().numpy()
    np.testing.assert_allclose(out.cam, cam / cam.max(), atol=2e-3)
    chosen = analyzer.analyze(img, Request(gradcam=True, cam_class=3))
    assert chosen.cam_class == 3 and not np.allclose(chosen.cam, out.cam)


def test_feature_maps_and_se_detail(b0_net, small_rocks):
    v = get_variant("b0")
    analyzer = Analyzer(b0_net, v, v.preprocess, [str(i) for i in range(1000)])
    assert len(analyzer.stages) == 9 and analyzer.stage_labels[0].startswith("Stage 1")
    out = analyzer.analyze(_picture(small_rocks), Request(stage=3, maps=12, se_block=5, se_channel=None, top_channels=6))
    fm = out.features
    assert fm.maps.shape == (12, 28, 28) and fm.total == 40
    assert fm.maps.min() >= 0 and fm.maps.max() <= 1
    assert fm.activity == sorted(fm.activity, reverse=True)
    se = out.se
    gates = out.gates[5]
    assert [c for c, _ in se.top] == list(np.argsort(-gates)[:6])
    assert se.channel == se.top[0][0] and se.gate == pytest.approx(gates[se.channel])
    np.testing.assert_allclose(se.after, se.before * se.gate, rtol=1e-6)
    assert se.low <= se.before.min() and se.high >= se.before.max()
    picked = analyzer.analyze(_picture(small_rocks), Request(se_block=0, se_channel=7)).se
    assert picked.channel == 7 and picked.before.shape == (112, 112)


def test_lite0_has_no_se_but_keeps_the_other_views(lite0_net, small_rocks):
    v = get_variant("lite0")
    analyzer = Analyzer(lite0_net, v, v.preprocess, [str(i) for i in range(1000)])
    assert not analyzer.has_se
    out = analyzer.analyze(_picture(small_rocks), Request(gates=True, stage=8, gradcam=True, se_block=0))
    assert out.gates == [] and out.se is None
    assert out.features.maps.shape[0] == 16 and out.cam is not None
    with pytest.raises(EffNetError, match="has no Squeeze-and-Excitation"):
        class_profile(analyzer, [])


def test_view_box_is_the_centre_crop():
    pp = get_variant("b0").preprocess  # resize 256, crop 224
    assert view_box(640, 480, pp) == pytest.approx((110, 30, 530, 450))
    whole = get_variant("b0").preprocess.__class__(224, 224, crop=False)
    assert view_box(640, 480, whole) == (0, 0, 640, 480)


def test_class_profile_averages_gates_per_class(b0_net, small_rocks):
    v = get_variant("b0")
    classes = sorted(p.name for p in small_rocks.iterdir())
    analyzer = Analyzer(b0_net, v, v.preprocess, classes)
    samples = [(p, classes.index(p.parent.name)) for p in sorted(small_rocks.rglob("*.jpg"))][::2]
    prof = class_profile(analyzer, samples)
    assert prof.counts == [4, 4, 4]
    assert len(prof.means) == 16 and prof.means[0].shape == (3, 32) and prof.means[-1].shape == (3, 1152)
    assert all(0 <= s <= 1 for s in prof.specificity)
    first = analyzer.analyze(Image.open(samples[0][0]).convert("RGB")).gates[0]
    assert not np.allclose(prof.means[0][samples[0][1]], first)  # an average, not one image


def test_probe_reports_the_prediction_and_gates(b0_net, small_rocks):
    out = probe(b0_net, get_variant("b0").preprocess, _picture(small_rocks), [str(i) for i in range(1000)])
    assert len(out["top"]) == 3 and len(out["gates"]) == 16


def test_feature_stages_end_at_the_gradcam_layer():
    for name in ("lite0", "b0", "b3"):
        v = get_variant(name)
        with torch.device("meta"):
            net = build_net(v, pretrained=False)
        stages = feature_stages(net, v)
        assert stages[-1][0] == v.gradcam_layer and len(stages) == 9


# -- the loops ----------------------------------------------------------------

class _Events:
    def __init__(self):
        self.items: list[tuple[str, dict]] = []

    def progress(self, *_a):
        pass

    def event(self, event):
        self.items.append(event)

    def of(self, kind):
        return [e for e in self.items if isinstance(e, kind)]


def test_capture_and_inference_loops_hand_over_the_newest_frame(lite0_net, rock_video):
    v = get_variant("lite0")
    analyzer = Analyzer(lite0_net, v, v.preprocess, [str(i) for i in range(1000)])
    slot, cancel = FrameSlot(), CancelToken()
    cap_events, inf_events = _Events(), _Events()
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("inf", inference_loop(
        analyzer, slot, Request(gradcam=True, stage=2), reporter=inf_events, cancel=cancel)))
    t.start()
    stats = capture_loop(SourceSpec(rock_video, pace=60), slot, display_fps=1000, reporter=cap_events, cancel=cancel)
    t.join(10)
    assert not t.is_alive()
    assert stats["frames"] == 48 and len(cap_events.of(FrameRead)) == 48
    assert cap_events.of(SourceOpened)[0].size == (640, 480) and cap_events.of(SourceEnded)
    results = inf_events.of(LiveResult)
    assert results and out["inf"]["frames"] == len(results)
    indices = [r.frame.index for r in results]
    assert indices == sorted(indices) and len(results) + stats["dropped"] >= 47
    r = results[-1]
    assert r.analysis.cam is not None and r.analysis.features.stage == 2
    assert r.latency > 0 and r.smoothed.shape == (1000,)


def test_a_source_that_cannot_open_fails_before_any_frame(tmp_path):
    slot = FrameSlot()
    with pytest.raises(CameraError):
        capture_loop(SourceSpec(tmp_path / "gone.avi"), slot)
    assert slot.closed  # so the inference loop ends as well


def test_a_stream_that_stops_answering_or_goes_away_is_reconnected(mjpeg_stream):
    """The capture loop on a real HTTP camera: silent server (read time-out), then a
    server switched off and on again; each time ``disconnected``, then ``reconnected``
    and frames again; cancelling ends the loop promptly with the source released."""
    slot, cancel, events = FrameSlot(), CancelToken(), _Events()
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("stats", capture_loop(
        SourceSpec(mjpeg_stream.url), slot, display_fps=1000, reporter=events, cancel=cancel, reconnect=0.2)))
    t.start()

    def frames_after(n, timeout=15.0):
        end = time.monotonic() + timeout
        while len(events.of(FrameRead)) < n + 5:
            assert time.monotonic() < end, f"no frames after {timeout} s: {[type(e).__name__ for e in events.items][-5:]}"
            time.sleep(0.05)

    def wait_for(kind, count, timeout=15.0):
        end = time.monotonic() + timeout
        while len(events.of(kind)) < count:
            assert time.monotonic() < end, f"no {kind!r} after {timeout} s"
            time.sleep(0.05)

    try:
        frames_after(0)
        assert events.of(SourceOpened)[0].size == (320, 240)
        mjpeg_stream.silent.set()
        wait_for(Disconnected, 1)
        time.sleep(0.5)  # attempts while silent fail (open time-out) and are reported
        mjpeg_stream.silent.clear()
        wait_for(Reconnected, 1)
        frames_after(len(events.of(FrameRead)))
        mjpeg_stream.stop()
        wait_for(Disconnected, 2)
        wait_for(Reconnecting, 2)  # refused while down
        mjpeg_stream.start()
        wait_for(Reconnected, 2)
        frames_after(len(events.of(FrameRead)))
        assert not events.of(SourceEnded) and t.is_alive() and not slot.closed
    finally:
        cancel.cancel()
        t.join(5)
    assert not t.is_alive()
    assert slot.closed and out["stats"]["released"]
    assert out["stats"]["frames"] >= len(events.of(FrameRead))
