"""The last guard of a public report: personal details replaced wherever they are written.

A name, email or phone can reach a report's text in ways an exact search misses: typed in
upper case, with a double space, decomposed (NFD) rather than composed, a first name alone,
a phone written with other separators or with the country code. :class:`Secrets` therefore
compares text after NFC normalisation, case folding and whitespace collapsing; matches a
name's words (of three letters or more) on their own, at word boundaries; and matches phone
numbers on their digits only, ignoring separators, a leading "+" or trunk "0" and a country
code. Names in scripts written without spaces between words (Thai, Lao, Khmer, Burmese,
Chinese, Japanese) are matched as the whole name only: a syllable of one may be part of any
other word.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

WITHHELD = "[withheld]"
MIN_WORD = 3  # letters in a name's word matched on its own
MIN_PHONE_DIGITS = 7

T = TypeVar("T")

# Scripts whose words are not separated by spaces: a name's parts are no words of their own.
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x2E80, 0x9FFF),  # CJK, kana
    (0xA9E0, 0xA9FF),  # Myanmar extended-B
    (0xAA60, 0xAA7F),  # Myanmar extended-A
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)
_PHONE_RUN = re.compile(r"\d(?:[\d \u00a0\-.()/]*\d)?")
_DIGIT_GROUP = re.compile(r"\d+")


def _unspaced(text: str) -> bool:
    return any(low <= ord(c) <= high for c in text for low, high in _UNSPACED)


def _word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` (NFC) case-folded with whitespace runs as one space, and for each character of
    the result the index of the character of ``text`` it comes from."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not space:
                out.append(" ")
                where.append(index)
            space = True
            continue
        space = False
        for folded in char.casefold():
            out.append(folded)
            where.append(index)
    return "".join(out), where


def _key(text: str) -> str:
    return fold(unicodedata.normalize("NFC", text))[0].strip()


def phone_digits(text: str) -> str:
    """A phone number's digits without leading zeros (the trunk "0" or an "00" prefix)."""
    return re.sub(r"\D", "", text).lstrip("0")


def _same_phone(found: str, known: str) -> bool:
    # One is the other with a country code (or more of the area code) in front.
    if len(found) < MIN_PHONE_DIGITS or len(known) < MIN_PHONE_DIGITS:
        return False
    return found.endswith(known) or known.endswith(found)


@dataclass(frozen=True)
class Secrets:
    """What a public report must not print, in the forms it is searched for."""

    phrases: frozenset[str] = frozenset()  # folded: found anywhere
    words: frozenset[str] = frozenset()  # folded: found as whole words
    phones: frozenset[str] = frozenset()  # digits

    def __bool__(self) -> bool:
        return bool(self.phrases or self.words or self.phones)

    @classmethod
    def gather(
        cls,
        *,
        names: Iterable[str] = (),
        emails: Iterable[str] = (),
        phones: Iterable[str] = (),
        texts: Iterable[str] = (),
        keep_words: Iterable[str] = (),
    ) -> Secrets:
        """Secrets from people's names, emails and phones, and other texts matched whole.

        ``keep_words`` are words never withheld on their own (e.g. those of the organisation's
        own name, which a contact may share).
        """
        kept = {w for text in keep_words for w in _words(_key(text))}
        phrases: set[str] = set()
        words: set[str] = set()
        for name in names:
            key = _key(name)
            if len(key) < MIN_WORD:
                continue
            phrases.add(key)
            if _unspaced(key):
                phrases.add(key.replace(" ", ""))
                continue
            words |= {w for w in _words(key) if _letters(w) >= MIN_WORD and w not in kept}
        for text in (*emails, *texts):
            key = _key(text)
            if len(key) >= MIN_WORD:
                phrases.add(key)
        digits = {phone_digits(p) for p in phones}
        return cls(
            frozenset(phrases),
            frozenset(words),
            frozenset(d for d in digits if len(d) >= MIN_PHONE_DIGITS),
        )

    def __or__(self, other: Secrets) -> Secrets:
        return Secrets(
            self.phrases | other.phrases, self.words | other.words, self.phones | other.phones
        )

    # ----- finding and replacing --------------------------------------------------------

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` (NFC) holds a secret, as (start, end) indexes, merged and sorted."""
        found: list[tuple[int, int]] = []
        if self.phrases or self.words:
            folded, where = fold(text)
            for phrase in self.phrases:
                found += [(s, s + len(phrase)) for s in _find_all(folded, phrase)]
            for word in self.words:
                for s in _find_all(folded, word):
                    e = s + len(word)
                    before = folded[s - 1] if s else " "
                    after = folded[e] if e < len(folded) else " "
                    if not _word_char(before) and not _word_char(after):
                        found.append((s, e))
            found = [(where[s], where[e - 1] + 1) for s, e in found]
        if self.phones:
            found += self._phone_spans(text)
        return _merged(found)

    def _phone_spans(self, text: str) -> list[tuple[int, int]]:
        found = []
        for run in _PHONE_RUN.finditer(text):
            groups = [
                (m.start() + run.start(), m.end() + run.start(), m.group())
                for m in _DIGIT_GROUP.finditer(run.group())
            ]
            i = 0
            while i < len(groups):
                for j in range(len(groups) - 1, i - 1, -1):
                    digits = "".join(g for _, _, g in groups[i : j + 1]).lstrip("0")
                    if any(_same_phone(digits, known) for known in self.phones):
                        start = groups[i][0]
                        if start and text[start - 1] == "+":
                            start -= 1
                        found.append((start, groups[j][1]))
                        i = j
                        break
                i += 1
        return found

    def scrub_text(self, text: str) -> str:
        normal = unicodedata.normalize("NFC", text)
        spans = self.spans(normal)
        if not spans:
            return text
        parts, last = [], 0
        for start, end in spans:
            parts += [normal[last:start], WITHHELD]
            last = end
        parts.append(normal[last:])
        return "".join(parts)

    def scrub(self, value: T) -> T:
        """A copy of a report record (or any part of one) with every secret replaced."""
        if isinstance(value, str):
            return self.scrub_text(value)  # type: ignore[return-value]
        if isinstance(value, list):
            return [self.scrub(v) for v in value]  # type: ignore[return-value]
        if isinstance(value, tuple):
            return tuple(self.scrub(v) for v in value)  # type: ignore[return-value]
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}  # type: ignore[return-value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: self.scrub(getattr(value, f.name)) for f in dataclasses.fields(value)
            }
            return dataclasses.replace(value, **changes)
        return value


def _words(key: str) -> list[str]:
    return [w.strip(".,;:!?()[]{}\"'“”‘’«»-") for w in key.split()]


def _letters(word: str) -> int:
    return sum(1 for c in word if c.isalpha())


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start >= 0:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
