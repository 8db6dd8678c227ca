"""Free text as its most frequent words (and two-word phrases) per group: what graduates
suggest in their own words (C3 «¿Qué carreras técnicas debería ofrecer…?»), without
showing anybody's sentence."""

import re
from collections import Counter

from seguimiento_desktop.domain.text import fold

# Spanish words that say nothing on their own (articles, prepositions, fillers).
STOPWORDS = frozenset("""a al algo algun alguna algunas alguno algunos ante antes como con
contra cual cuando de del desde donde el ella ellas ellos en entre era es esa ese eso esta
estan este esto estos fue ha hay la las le les lo los mas me mi mis mucho muy nada ni no nos
o otra otras otro otros para pero poco por porque que se sea ser si sin sobre son su sus
tambien tan te tener tengo todo todos tu un una uno unos y ya yo carrera carreras tecnica
tecnicas tecnico mas deberia deberian ofrecer plantel escuela""".split())
MIN_LENGTH = 3
SHOWN = 5


def _words(text: str, spelled: dict[str, Counter]) -> list[str]:
    """Folded words (accents and case ignored), noting how each was spelled."""
    found = []
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        key = fold(word)
        if len(key) >= MIN_LENGTH and key not in STOPWORDS:
            spelled.setdefault(key, Counter())[word] += 1
            found.append(key)
    return found


def frequent_terms(texts: list[str], shown: int = SHOWN) -> list[tuple[str, int]]:
    """The ``shown`` most frequent words or two-word phrases, each counted once per
    answer; a phrase replaces its words when it is as frequent as they are."""
    words: Counter = Counter()
    phrases: Counter = Counter()
    spelled: dict[str, Counter] = {}
    for text in texts:
        found = _words(text, spelled)
        words.update(set(found))
        phrases.update({f"{a} {b}" for a, b in zip(found, found[1:])})
    terms = Counter({p: n for p, n in phrases.items() if n >= 2})
    covered = {w for p in terms for w in p.split() if words[w] <= terms[p]}
    terms.update({w: n for w, n in words.items() if w not in covered})
    best = sorted(terms.items(), key=lambda item: (-item[1], item[0]))[:shown]
    # Shown as people wrote them most often («programación», not «programacion»).
    return [(" ".join(spelled[w].most_common(1)[0][0] for w in term.split()), n)
            for term, n in best]


def terms_by_group(rows: list[tuple[str, str]], label=lambda g: g or "Sin dato",
                   shown: int = SHOWN) -> dict[str, list[tuple[str, int]]]:
    """{group: frequent terms} from (group key, text) rows; groups with fewer than
    MIN_BASE answers are left out (a handful of answers could name their authors)."""
    from seguimiento_desktop.reports.statistics import MIN_BASE
    grouped: dict[str, list[str]] = {}
    for key, text in rows:
        grouped.setdefault(label(key), []).append(str(text))
    return {group: frequent_terms(texts, shown) for group, texts in sorted(grouped.items())
            if len(texts) >= MIN_BASE}
