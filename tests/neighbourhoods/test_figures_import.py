"""The figures CSV import answers every bad file with a clear message, never a 500: a CR inside
a field, binary data, a 50,000-column header, a 131,073-character field, a 1 MB file."""

import io
import zlib

import pytest

PNG = b"\x89PNG\r\n\x1a\n" + zlib.compress(bytes(range(256)) * 200)
BAD = {
    "cr": (b"naam;waarde\nInwo\rners;8450\n", "figures imported"),  # CR: a line end
    "binary": (PNG, "cannot be read as a table"),
    "wide": (";".join(["naam", "waarde"] + ["x"] * 50_000).encode() + b"\nA;1\n",
             "too many columns (at most 100)"),
    "long": (b"naam;waarde\nInwoners;" + b"9" * 131_073 + b"\n",
             "too long (at most 10000 characters)"),
    "megabyte": (b"naam;waarde\n" + b"Inwoners;8450\n" * 65_000, "At most 500 figures"),
}


def upload(client, hood, body: bytes):
    return client.post(f"/console/neighbourhoods/{hood.id}/figures",
                       data={"file": (io.BytesIO(body), "cijfers.csv")},
                       content_type="multipart/form-data", follow_redirects=True)


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_gets_a_clear_message(hood, client, login, case):
    body, message = BAD[case]
    login(client)
    response = upload(client, hood, body)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_line_ends_inside_quoted_cells_and_old_mac_files_are_read(hood, client, login):
    login(client)
    response = upload(client, hood, b'naam;waarde;bron\n"Inwoners";8450;"Statbel\r\n2024"\n')
    assert "1 figures imported" in response.get_data(as_text=True)
    response = upload(client, hood, b"naam;waarde\rInwoners;8450\rDichtheid;9,1\r")
    assert "2 figures imported" in response.get_data(as_text=True)
