"""Streams of PDFs from elsewhere, decoded within a bound: never more than a limit of bytes.

A few kilobytes of compressed data can expand to gigabytes (a decompression bomb),
and a picture can declare itself a million pixels square. Every stream of an
attachment is measured here before anything else would decode it, in pieces, and
given up on as soon as it passes the limit.
"""

from __future__ import annotations

import zlib

from pypdf.generic import ArrayObject, StreamObject

# Filters that only pictures use; their output is bounded by the picture's declared size.
IMAGE_FILTERS = {"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"}
_PIECE = 1 << 20


class TooLarge(ValueError):
    """A stream decodes to more bytes than the limit."""


def _filters(stream: StreamObject) -> list[str]:
    filters = stream.get("/Filter")
    if filters is None:
        return []
    filters = filters.get_object() if hasattr(filters, "get_object") else filters
    return [str(f) for f in filters] if isinstance(filters, ArrayObject) else [str(filters)]


def _inflate(data: bytes, limit: int) -> bytes:
    decompressor, pieces, size = zlib.decompressobj(), [], 0
    while data:
        try:
            piece = decompressor.decompress(data, _PIECE)
        except zlib.error:
            break  # damaged: a reader stops here too, and so does the measure
        size += len(piece)
        if size > limit:
            raise TooLarge(size)
        pieces.append(piece)
        data = decompressor.unconsumed_tail
        if decompressor.eof:
            break
    return b"".join(pieces)


def _run_length(data: bytes, limit: int) -> bytes:
    out, index = bytearray(), 0
    while index < len(data):
        length = data[index]
        if length == 128:
            break
        if length < 128:
            out += data[index + 1:index + 2 + length]
            index += length + 2
        else:
            out += data[index + 1:index + 2] * (257 - length)
            index += 2
        if len(out) > limit:
            raise TooLarge(len(out))
    return bytes(out)


def _lzw(data: bytes, limit: int, early: int = 1) -> bytes:
    """The PDF flavour of LZW (codes of 9 to 12 bits, most significant bit first)."""
    table = [bytes([n]) for n in range(256)] + [b"", b""]
    out, previous, bits, buffer, count = bytearray(), b"", 9, 0, 0
    for byte in data:
        buffer, count = (buffer << 8) | byte, count + 8
        while count >= bits:
            count -= bits
            code, buffer = buffer >> count, buffer & ((1 << count) - 1)
            if code == 257:
                return bytes(out)
            if code == 256:
                table, previous, bits = table[:258], b"", 9
                continue
            if code < len(table):
                entry = table[code]
                if previous:
                    table.append(previous + entry[:1])
            elif code == len(table) and previous:
                entry = previous + previous[:1]
                table.append(entry)
            else:
                raise ValueError("the LZW data is damaged")
            out += entry
            if len(out) > limit:
                raise TooLarge(len(out))
            previous = entry
            if len(table) + early >= 1 << bits and bits < 12:
                bits += 1
    return bytes(out)


def _text_codec(name: str, data: bytes) -> bytes:
    from pypdf.filters import ASCII85Decode, ASCIIHexDecode

    codec = ASCIIHexDecode if name in ("/ASCIIHexDecode", "/AHx") else ASCII85Decode
    return codec.decode(data)


def decoded(stream: StreamObject, limit: int) -> bytes:
    """The stream's bytes after every filter but a picture's own codec, at most `limit`.

    Raises TooLarge past the limit, ValueError when a filter is unknown or its data
    is damaged.
    """
    data = stream._data  # as stored in the file, still encoded
    for name in _filters(stream):
        if name in IMAGE_FILTERS:
            break
        if name in ("/FlateDecode", "/Fl"):
            data = _inflate(data, limit)
        elif name in ("/RunLengthDecode", "/RL"):
            data = _run_length(data, limit)
        elif name in ("/LZWDecode", "/LZW"):
            data = _lzw(data, limit)
        elif name in ("/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"):
            data = _text_codec(name, data)
        else:
            raise ValueError(f"a stream uses the filter {name}, which is not allowed")
        if len(data) > limit:
            raise TooLarge(len(data))
    return data


_COMPONENTS = {"/DeviceGray": 1, "/CalGray": 1, "/DeviceRGB": 3, "/CalRGB": 3, "/Lab": 3,
               "/DeviceCMYK": 4}


def picture_bytes(stream: StreamObject) -> int:
    """How many bytes a picture declares it holds once decoded: width × height × depth."""
    if stream.get("/Subtype") != "/Image":
        return 0
    try:
        width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
        depth = int(stream.get("/BitsPerComponent", 1) or 1)
    except (TypeError, ValueError):
        return 0
    components = 1 if stream.get("/ImageMask") else _components(stream.get("/ColorSpace"))
    return max(width, 0) * max(height, 0) * components * max(depth, 1) // 8


def _components(space) -> int:
    """How many colour components a picture's colour space has (four when it cannot say)."""
    space = space.get_object() if hasattr(space, "get_object") else space
    if not isinstance(space, ArrayObject):
        return _COMPONENTS.get(str(space), 4)
    family = str(space[0]) if space else ""
    if family in ("/Indexed", "/I", "/Separation", "/Pattern"):
        return 1
    if family == "/DeviceN" and len(space) > 1:
        names = space[1].get_object() if hasattr(space[1], "get_object") else space[1]
        return len(names) if isinstance(names, ArrayObject) else 4
    if family == "/ICCBased" and len(space) > 1:
        profile = space[1].get_object() if hasattr(space[1], "get_object") else space[1]
        try:
            return int(profile.get("/N", 4))
        except (AttributeError, TypeError, ValueError):
            return 4
    return _COMPONENTS.get(family, 4)


def check_stream(stream: StreamObject, limit: int) -> int:
    """How many bytes decoding the stream took (a picture's own codec aside). Raises
    TooLarge when the stream, or the picture it holds, is larger than `limit` decoded;
    ValueError when it cannot be decoded at all."""
    if picture_bytes(stream) > limit:
        raise TooLarge(picture_bytes(stream))
    return len(decoded(stream, limit))
