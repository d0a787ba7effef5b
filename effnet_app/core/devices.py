"""Pick the compute device and the precision that suits it.

PyTorch is imported inside the functions that use it: quick training and prediction
without PyTorch describe the CPU and look for a GPU through this module too."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

from effnet_app.core.errors import ConfigError
from effnet_app.core.i18n import translate


def pick_device(name: str = "auto") -> torch.device:
    import torch

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
    import torch

    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None


def describe_device(device: torch.device) -> str:
    import torch

    if device.type == "cuda":
        return f"GPU: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "GPU: Apple MPS"  # i18n: ignore (a hardware name)
    return describe_cpu(torch.get_num_threads())


def describe_cpu(threads: int) -> str:
    return translate("devices", "CPU ({n} threads)").format(n=threads)


def gpu_apparent() -> bool:
    """A GPU that PyTorch would use is likely here, judged without importing PyTorch
    (NVIDIA's or ROCm's device files, NVIDIA's driver library on Windows, Apple
    silicon's MPS): a work that suits a GPU then goes through PyTorch to find out."""
    if sys.platform == "darwin":
        import platform

        return platform.machine() == "arm64"
    if sys.platform == "win32":
        return (Path(os.environ.get("SystemRoot", r"C:\Windows")) / "System32" / "nvcuda.dll").is_file()
    return any(Path(p).exists() for p in ("/dev/nvidiactl", "/dev/nvidia0", "/dev/kfd"))


def is_out_of_memory(exc: BaseException) -> bool:
    """The accelerator ran out of memory (CUDA raises its own type; MPS a RuntimeError)."""
    import torch

    return isinstance(exc, torch.OutOfMemoryError) or (
        isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower())


def release_memory(device: torch.device) -> None:
    """Give cached blocks back after an out-of-memory error, so a smaller batch fits."""
    import gc

    import torch

    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()
    elif device.type == "mps":
        torch.mps.empty_cache()


# A CPU works best on a few pictures at a time: their activations stay in its caches,
# and in glibc's heap (core.memory). Measured on this project's 2-core CPU
# (docs/benchmarks.md, "Full mode"):
TRAIN_PIXELS = 2 * 320 * 320  # a training step's part: Lite0 320 px 10.5 vs 7 images/s, B0 224 px 18 vs 15
INFER_PIXELS = 8 * 320 * 320  # a PyTorch forward batch: Lite0 320 px 40 instead of 108 ms a picture


def pictures_at_once(pixels: int, size: int) -> int:
    """How many ``size`` px pictures make about ``pixels`` (at least one)."""
    return max(1, pixels // (size * size))


def too_little_memory() -> ConfigError:
    return ConfigError(translate("devices", "The GPU does not have enough memory even for one image at a time. "
                                 "Choose a smaller model or use the CPU (Advanced settings → Device; --device cpu on the "
                                 "command line)."))


# Whether "auto" trains in bfloat16 on a CPU that computes it in hardware. Decided by
# cross-validation (docs/benchmarks.md, "bf16 training"), not per run.
CPU_BF16_AUTO = False


def cpu_has_bf16() -> bool:
    """The CPU computes bfloat16 in hardware (AVX-512 BF16 or AMX). Elsewhere PyTorch
    emulates it, slower than float32, so autocast is not used there."""
    import torch

    get = getattr(torch.cpu, "get_capabilities", None)  # torch 2.9 and later
    caps = get() if get is not None else {}
    return bool(caps.get("avx512_bf16") or caps.get("amx_bf16"))


def use_amp(device: torch.device, precision: str = "auto") -> bool:
    """Mixed precision: on CUDA, and on CPUs with bfloat16 in hardware, where it halves
    the activations' memory and speeds oneDNN's kernels up; never on other CPUs."""
    if precision == "fp32":
        return False
    if device.type == "cpu":
        return cpu_has_bf16() and (precision == "amp" or CPU_BF16_AUTO)
    if precision == "amp":
        return device.type in ("cuda", "mps")
    return device.type == "cuda"


def amp_dtype(device: torch.device) -> torch.dtype:
    import torch

    if device.type == "cpu" or (device.type == "cuda" and torch.cuda.is_bf16_supported()):
        return torch.bfloat16
    return torch.float16


def training_precision(device: torch.device, mode: str, precision: str = "auto") -> str:
    """What a training computes in: "fp32", "bf16" or "fp16". Quick mode computes its
    features in float32 whatever the setting; full mode follows :func:`use_amp`."""
    import torch

    if mode != "full" or not use_amp(device, precision):
        return "fp32"
    return "bf16" if amp_dtype(device) == torch.bfloat16 else "fp16"


def describe_training(device: torch.device, mode: str, precision: str = "auto") -> str:
    """The device, and the arithmetic where it is not fp32: "CPU (2 threads), bf16"."""
    words, name = describe_device(device), training_precision(device, mode, precision)
    return words if name == "fp32" else f"{words}, {name}"
