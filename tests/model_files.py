"""Edit a model file's metadata in place, as a person with a text editor (or an
attacker) could: the tensors stay, the JSON description says what the test wants."""

import json

from effnet_app.core.store.model_file import META_KEY


def rewrite_meta(path, edit) -> None:
    data = path.read_bytes()
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8: 8 + n])
    meta = json.loads(header["__metadata__"][META_KEY])
    edit(meta)
    header["__metadata__"][META_KEY] = json.dumps(meta)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    path.write_bytes(len(raw).to_bytes(8, "little") + raw + data[8 + n:])
