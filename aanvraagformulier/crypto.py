"""Field encryption and keyed look-up hashes for personal data that must not sit in plain text.

The national register number is encrypted with Fernet (AES-128-CBC with an HMAC, from the
`cryptography` package) under keys from OPVANGPUNT_FIELD_ENCRYPTION_KEYS: the first key
encrypts, every key decrypts (MultiFernet), so keys can be rotated without downtime. Encrypted
values cannot be compared, so duplicates are found through an HMAC-SHA256 under a separate key
(OPVANGPUNT_LOOKUP_HASH_KEY): equal inputs give equal hashes, and without the key a hash
cannot be tested against the 10^11 possible numbers. Neither key is derived from SECRET_KEY.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

__all__ = ["InvalidToken", "decrypt", "encrypt", "lookup_hash", "rotate"]


@cache
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("OPVANGPUNT_FIELD_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "Each key in OPVANGPUNT_FIELD_ENCRYPTION_KEYS must be 32 url-safe base64-encoded bytes "
            "(cryptography.fernet.Fernet.generate_key())."
        ) from error


def fernet():
    """The MultiFernet of the configured keys (built once per key list)."""
    return _fernet(tuple(settings.OPVANGPUNT_FIELD_ENCRYPTION_KEYS))


def encrypt(text):
    """Ciphertext (a str) of `text` under the first key."""
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token):
    """The text behind `token`, under any configured key; raises InvalidToken otherwise."""
    return fernet().decrypt(token.encode("ascii")).decode()


def rotate(token):
    """`token` re-encrypted under the first key (for `rotate_request_keys`)."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


def lookup_hash(text):
    """HMAC-SHA256 of `text` under the look-up key, as 64 hex digits."""
    key = settings.OPVANGPUNT_LOOKUP_HASH_KEY
    if not key:
        raise ImproperlyConfigured("OPVANGPUNT_LOOKUP_HASH_KEY is empty.")
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


@receiver(setting_changed)
def _forget_keys(setting, **kwargs):
    if setting == "OPVANGPUNT_FIELD_ENCRYPTION_KEYS":
        _fernet.cache_clear()
