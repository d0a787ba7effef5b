"""Pick the compute device and the precision that suits it."""

from __future__ import annotations

import torch

from effnet_app.core.errors import ConfigError
from effnet_app.core.i18n import translate


def pick_device(name: str = "auto") -> torch.device:
    name = (name or "auto").lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except RuntimeError:
        raise ConfigError(translate("devices", "Unknown device '{name}'; use auto, cpu, cuda or mps.").format(name=name)) from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(translate("devices", "No CUDA GPU is available on this computer; use auto or cpu."))
    if device.type == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ConfigError(translate("devices", "Apple's MPS GPU is not available on this computer; use auto or cpu."))
    return device


def gpu_name() -> str | None:
    """The CUDA GPU's name, or None without one."""
    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None


def describe_device(device: torch.device) -> str:
    if device.type == "cuda":
        return f"GPU: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "GPU: Apple MPS"  # i18n: ignore (a hardware name)
    return translate("devices", "CPU ({n} threads)").format(n=torch.get_num_threads())


def is_out_of_memory(exc: BaseException) -> bool:
    """The accelerator ran out of memory (CUDA raises its own type; MPS a RuntimeError)."""
    return isinstance(exc, torch.OutOfMemoryError) or (
        isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower())


def release_memory(device: torch.device) -> None:
    """Give cached blocks back after an out-of-memory error, so a smaller batch fits."""
    import gc

    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()
    elif device.type == "mps":
        torch.mps.empty_cache()


def too_little_memory() -> ConfigError:
    return ConfigError(translate("devices", "The GPU does not have enough memory even for one image at a time. "
                                 "Choose a smaller model or use the CPU (Advanced settings → Device; --device cpu on the "
                                 "command line)."))


def use_amp(device: torch.device, precision: str = "auto") -> bool:
    """Mixed precision pays on CUDA; on CPU it is slower and less exact."""
    if precision == "fp32":
        return False
    if precision == "amp":
        return device.type in ("cuda", "mps")
    return device.type == "cuda"


def amp_dtype(device: torch.device) -> torch.dtype:
    if device.type == "cuda" and torch.cuda.is_bf16_supported():
        return torch.bfloat16
    return torch.float16
