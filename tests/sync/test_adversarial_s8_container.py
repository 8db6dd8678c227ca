"""Bytes smuggled in the padding of a bundle's tar members.

Found by an outside tester flipping every byte of a bundle: a byte changed in the zero
padding after the manifest, the signature or the payload was merged as if nothing had
happened. Those bytes lie outside the signature (the format allows nothing there but
zeros), so a stick could carry data past every check; they are refused like the bytes
after the end marker.
"""

import pytest
from sync_support import export, office, plantel

from seguimiento_desktop.sync import bundles
from tests.central_pg.store_content import everything


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("relleno")
    school = plantel(folder, count=2)
    central = office(folder, school)
    yield folder, central, export(school, folder / "usb")
    school.close()
    central.close()


def padding_offsets(bundle) -> dict[str, int]:
    """The first padding byte after each member (each ends short of a 512-byte block)."""
    found = bundles.read_container(bundle)
    manifest_end = 512 + len(found.manifest_raw)
    return {"manifiesto": manifest_end, "firma": manifest_end + (-manifest_end % 512) + 512 + 64,
            "contenido": found.payload_offset + found.payload_size}


@pytest.mark.parametrize("member", ["manifiesto", "firma", "contenido"])
def test_a_byte_in_a_members_padding_is_refused(world, member):
    folder, central, bundle = world
    data = bytearray(bundle.read_bytes())
    offset = padding_offsets(bundle)[member]
    assert offset % 512 and data[offset] == 0  # padding indeed
    data[offset] = ord("x")
    smuggled = folder / f"relleno-{member}.seg"
    smuggled.write_bytes(bytes(data))
    before = everything(central)
    outcome = central.merge([smuggled]).outcomes[0]
    assert not outcome.accepted and outcome.reason == "formato", outcome.message
    assert everything(central) == before
