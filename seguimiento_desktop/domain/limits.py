"""How long a stored text may be.

These are the limits every record of a bundle is held to when the central office checks it
(sync/records.py). The plantel holds its own data to them where they are typed or imported,
so a name too long is refused there, person by person, instead of the office refusing the
plantel's whole next bundle, and every one after it, for one field.
"""

NAME_MAX = 200  # names, careers, e-mail, keyers
CODE_MAX = 40  # generación, grupo, turno and the other short codes
NOTE_MAX = 4000  # a contact attempt's note
