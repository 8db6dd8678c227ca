"""The hybrid logical clock never goes backwards, whatever the wall clock does (issue 10.1)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seguimiento_desktop.domain.ids import (
    MAX_AHEAD_MS, MAX_STAMP, ClockExhausted, HybridClock, hlc_ceiling, hlc_pack, hlc_unpack)


def test_a_full_counter_carries_into_the_milliseconds():
    start = hlc_pack(1000001, 65535)  # odd millisecond, full counter: the reported case
    clock = HybridClock(start, wall_ms=lambda: 0)
    value = clock.now()
    assert value > start
    assert hlc_unpack(value) == (1000002, 0)


def test_sixty_five_thousand_writes_behind_the_sync_clock_stay_increasing():
    clock = HybridClock(hlc_pack(5_000_000, 0), wall_ms=lambda: 4_000_000)
    values = [clock.now() for _ in range(70_000)]
    assert all(a < b for a, b in zip(values, values[1:]))


def test_an_observed_stamp_far_ahead_moves_the_clock_only_to_the_ceiling():
    clock = HybridClock(wall_ms=lambda: 10_000)
    clock.observe(MAX_STAMP)
    assert clock.last == hlc_ceiling(10_000)
    assert hlc_unpack(clock.last)[0] == 10_000 + MAX_AHEAD_MS
    assert clock.now() > clock.last - 1


def test_an_observed_stamp_within_the_tolerance_is_taken_whole():
    clock = HybridClock(wall_ms=lambda: 10_000)
    remote = hlc_pack(10_000 + 3_600_000, 7)  # a capture PC one hour fast
    clock.observe(remote)
    assert clock.now() > remote


def test_an_exhausted_clock_is_a_spanish_error_not_an_overflow():
    clock = HybridClock(MAX_STAMP, wall_ms=lambda: 0)
    with pytest.raises(ClockExhausted, match="Restaure un respaldo"):
        clock.now()
    assert clock.last == MAX_STAMP


# One step of a PC's life: a local write, a stamp observed in a merge, or the wall clock
# jumping (NTP correction, a dead CMOS battery, a user changing the date).
steps = st.lists(st.one_of(
    st.tuples(st.just("write"), st.integers(1, 70_000)),
    st.tuples(st.just("observe"), st.integers(0, MAX_STAMP)),
    st.tuples(st.just("jump"), st.integers(-10 ** 12, 10 ** 13))), max_size=40)


@settings(max_examples=300, deadline=None)
@given(start=st.integers(0, hlc_pack(10 ** 13, 0)), wall=st.integers(0, 10 ** 13),
       steps=steps)
def test_every_value_is_greater_than_every_earlier_one(start, wall, steps):
    now = [wall]
    clock = HybridClock(start, wall_ms=lambda: now[0])
    issued = start
    for action, value in steps:
        if action == "jump":
            now[0] = max(0, value)
        elif action == "observe":
            before = clock.last
            clock.observe(value)
            assert clock.last >= before
            assert clock.last <= max(before, hlc_ceiling(now[0]))
            issued = max(issued, clock.last)
        else:
            for _ in range(min(value, 3)):
                stamp = clock.now()
                assert stamp > issued
                assert stamp <= MAX_STAMP
                issued = stamp
            # Many writes in one millisecond: bring the counter near its end (as a long
            # import does, or a remote stamp with a full counter) and check the carry.
            clock.observe((clock.last | 0xFFFF) - 1)
            issued = max(issued, clock.last)
            for _ in range(3):
                stamp = clock.now()
                assert stamp > issued
                issued = stamp
