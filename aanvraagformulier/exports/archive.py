"""An AES-256 encrypted ZIP archive that 7-Zip (and WinZip, and macOS's Archive Utility with
7-Zip installed) opens with the password: the exchange method of seeds 003 and 004.

pyzipper writes WinZip's AES format (AE-2, AES-256 in CTR mode with an HMAC-SHA1 check);
the standard library's zipfile reads but cannot write encrypted archives.
"""

import secrets

import pyzipper

# 20 characters from a 55-letter alphabet without look-alikes: about 115 bits, and still
# something the loket can pass on by phone in groups of five.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 20


def new_password():
    """A random password, grouped in fives for reading out."""
    raw = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, PASSWORD_LENGTH, 5))


def write_encrypted(path, members, password):
    """Write `members` ({name: bytes}) into an AES-256 ZIP at `path` under `password`."""
    with pyzipper.AESZipFile(
        path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode())
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        for name, data in members.items():
            archive.writestr(name, data)
