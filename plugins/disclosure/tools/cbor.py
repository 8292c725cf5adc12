"""The little of CBOR (RFC 8949) that Pagefind's index files use: unsigned and negative integers,
byte and text strings, arrays and maps, each head in its shortest form, as Pagefind writes them."""


UINT, NEGATIVE, BYTES, TEXT, ARRAY, MAP = range(6)


def decode(data):
    value, end = _item(data, 0)
    if end != len(data):
        raise ValueError(f"CBOR: {len(data) - end} bytes after the value")
    return value


def _head(data, at):
    major, info = data[at] >> 5, data[at] & 31
    if info < 24:
        return major, info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise ValueError(f"CBOR: unsupported head {data[at]:#x} at {at}")
    return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def _item(data, at):
    major, argument, at = _head(data, at)
    if major == UINT:
        return argument, at
    if major == NEGATIVE:
        return -1 - argument, at
    if major in (BYTES, TEXT):
        raw = bytes(data[at:at + argument])
        return (raw if major == BYTES else raw.decode("utf-8")), at + argument
    if major == ARRAY:
        items = []
        for _ in range(argument):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == MAP:
        pairs = {}
        for _ in range(argument):
            key, at = _item(data, at)
            pairs[key], at = _item(data, at)
        return pairs, at
    raise ValueError(f"CBOR: unsupported major type {major}")


def encode(value):
    out = bytearray()
    _put(out, value)
    return bytes(out)


def _put_head(out, major, argument):
    if argument < 24:
        out.append(major << 5 | argument)
    else:
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if argument < 1 << (8 * size):
                out.append(major << 5 | info)
                out += argument.to_bytes(size, "big")
                return


def _put(out, value):
    if isinstance(value, bool) or value is None:
        raise ValueError(f"CBOR: unsupported value {value!r}")
    if isinstance(value, int):
        _put_head(out, UINT, value) if value >= 0 else _put_head(out, NEGATIVE, -1 - value)
    elif isinstance(value, bytes):
        _put_head(out, BYTES, len(value))
        out += value
    elif isinstance(value, str):
        raw = value.encode("utf-8")
        _put_head(out, TEXT, len(raw))
        out += raw
    elif isinstance(value, list):
        _put_head(out, ARRAY, len(value))
        for item in value:
            _put(out, item)
    elif isinstance(value, dict):
        _put_head(out, MAP, len(value))
        for key, item in value.items():
            _put(out, key)
            _put(out, item)
    else:
        raise ValueError(f"CBOR: unsupported value {value!r}")
