"""Encrypting backup files to a public key, so the server that writes them cannot read them back.

Each file gets a fresh X25519 key pair; its shared secret with the practice's public key (HKDF-SHA256) keys
AES-256-GCM. The plaintext is sealed in 64 KiB chunks, each with its own nonce (a counter, plus a flag on the last
chunk) so a dump of any size streams through without being held in memory, and a file cut short or reordered
fails to open instead of restoring part of a database. Keys are the standard X25519 PEM files that
``openssl genpkey -algorithm X25519`` writes (README: Backups).
"""

import base64
import binascii
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"rooted-backup x25519 aes-256-gcm v1\n"
SCHEME = "x25519-hkdf-sha256-aes-256-gcm-64k"
CHUNK = 64 * 1024
TAG = 16
KEY_LENGTH = 32
SUFFIX = ".enc"


class BackupKeyError(ValueError):
    """A key that cannot be read, or that does not open this backup."""


def load_public_key(value: str) -> X25519PublicKey:
    """``value`` is a PEM public key file's path, its text, or the base64 line between its BEGIN and END lines."""
    value = value.strip()
    try:
        if value.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(value.encode())
        elif Path(value).is_file():
            key = serialization.load_pem_public_key(Path(value).read_bytes())
        else:
            key = serialization.load_der_public_key(base64.b64decode(value, validate=True))
    except (ValueError, binascii.Error, OSError) as error:
        raise BackupKeyError(f"BACKUP_PUBLIC_KEY is not an X25519 public key ({error}).") from error
    if not isinstance(key, X25519PublicKey):
        raise BackupKeyError("BACKUP_PUBLIC_KEY must be an X25519 key (openssl genpkey -algorithm X25519).")
    return key


def load_private_key(path: str) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as error:
        raise BackupKeyError(f"Cannot read the private key {path} ({error}).") from error
    if not isinstance(key, X25519PrivateKey):
        raise BackupKeyError(f"{path} is not an X25519 private key.")
    return key


def fingerprint(public_key: X25519PublicKey) -> str:
    """Short and printable: the manifest names the key a backup was written for, so restore can say which it needs."""
    return hashlib.sha256(public_key.public_bytes_raw()).hexdigest()[:16]


def _file_key(shared_secret: bytes, ephemeral: bytes, recipient: bytes) -> AESGCM:
    key = HKDF(hashes.SHA256(), KEY_LENGTH, salt=ephemeral + recipient, info=MAGIC).derive(shared_secret)
    return AESGCM(key)


def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A writable file object; what is written to it lands in ``target`` encrypted. ``close()`` seals the end."""

    def __init__(self, target: BinaryIO, public_key: X25519PublicKey):
        ephemeral = X25519PrivateKey.generate()
        ephemeral_bytes = ephemeral.public_key().public_bytes_raw()
        self._aead = _file_key(ephemeral.exchange(public_key), ephemeral_bytes, public_key.public_bytes_raw())
        self._target = target
        self._counter = 0
        self._pending = bytearray()
        target.write(MAGIC + ephemeral_bytes)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._pending += data
        # The last chunk is held back until close(): only then is it known to be the last.
        while len(self._pending) > CHUNK:
            self._seal(bytes(self._pending[:CHUNK]), final=False)
            del self._pending[:CHUNK]
        return len(data)

    def _seal(self, plaintext: bytes, *, final: bool) -> None:
        self._target.write(self._aead.encrypt(_nonce(self._counter, final), plaintext, None))
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._pending), final=True)
            self._pending.clear()
            self._target.flush()
        super().close()


def decrypted_chunks(source: BinaryIO, private_key: X25519PrivateKey) -> Iterator[bytes]:
    """The plaintext of an encrypted file, chunk by chunk; BackupKeyError if the key or any chunk is wrong."""
    header = source.read(len(MAGIC) + KEY_LENGTH)
    if not header.startswith(MAGIC) or len(header) != len(MAGIC) + KEY_LENGTH:
        raise BackupKeyError("This is not an encrypted Rooted backup file.")
    ephemeral = header[len(MAGIC):]
    ephemeral_key = X25519PublicKey.from_public_bytes(ephemeral)
    aead = _file_key(private_key.exchange(ephemeral_key), ephemeral, private_key.public_key().public_bytes_raw())
    counter = 0
    block = source.read(CHUNK + TAG)
    while True:
        following = source.read(CHUNK + TAG)
        try:
            yield aead.decrypt(_nonce(counter, final=not following), block, None)
        except InvalidTag as error:
            raise BackupKeyError(
                "The backup does not open with this key, or the file is damaged or cut short."
            ) from error
        if not following:
            return
        block, counter = following, counter + 1


class DecryptingReader(io.RawIOBase):
    """A readable file object over ``decrypted_chunks`` (for tarfile's streaming mode)."""

    def __init__(self, source: BinaryIO, private_key: X25519PrivateKey):
        self._chunks = decrypted_chunks(source, private_key)
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._left:
            self._left = next(self._chunks, None)
            if self._left is None:
                self._left = b""
                return 0
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size
