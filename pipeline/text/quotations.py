"""Find direct speech: the spans inside quotation marks, across paragraphs, and the speech that
news sets off without marks.

Sites use every style of mark (" “ ” « » „) and do not always use them the right way round:
wire copy closes with an opening guillemet (`..., « added Fofonov`). So a mark's role comes
from what flanks it, as in CommonMark's delimiter rules: a mark with a word after it and space
before it can open; one with text before it and space or punctuation after it can close; a
mark inside an open quotation that cannot open closes it (`"... the mountain stage ".`). A
quotation left open at the end of a paragraph continues when the next paragraph opens with a
mark, and ends there otherwise.

Single quotes are left alone: they are apostrophes far more often than quotation marks, and
‘nested’ speech stays inside the quotation that holds it. The `"` of `1'12"` is a seconds mark.

Speech without marks, as wire copy and interviews print it (kinds other than "marks"):
- "dash": a run of paragraphs opened by a dialogue dash (`- Traditionally, we focus on ...`)
  that something marks as speech: an introduction before it ending in a colon with a speech
  verb (`Vinokurov told about the goals of the team:`), a dash-set-off attribution with a
  speech verb in one of its paragraphs (`..., - Vinokurov told.`), or questions among first-
  person answers (a dash interview). Dashes alone are no sign of speech: they open the items
  of bulleted lists too;
- "answer" / "question": an interview, where questions (paragraphs ending in "?") alternate
  with the answers of the interviewee, or lines labelled `Q:` / `A:`;
- "labelled": an interview line `Name: answer`, in an article with at least two such lines.
In speech of any kind, `, - Name told.` ends the speech: what follows the dash is the writer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules import words

MARKS = frozenset('"“”«»„‹›')
_OPEN_BEFORE = frozenset("([{—–-/") | MARKS
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…") | MARKS
_NO_OPEN_AFTER = frozenset(".,;:!?)]}")  # a mark before punctuation has no words to open
_LINE = re.compile(r"[^\n]+")
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")  # to skip to the marks, not test every character
_SECONDS_MARK = re.compile(r"\d['’′]\d{1,2}$")  # the `"` of 1'12"
_DIALOGUE_DASH = re.compile(r"[-–—]\s+(?=\S)")
# `..., - Alexander Vinokurov told.`: punctuation, a spaced dash, the writer's words
_DASH_ATTRIBUTION = re.compile(r"(?<=[,.!?…])\s+[-–—]\s+(?=\S)")
_LABEL = re.compile(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,2})\s*:\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = frozenset(".!?…") | MARKS
MAX_ATTRIBUTION_WORDS = 10
MIN_BLOCK_WORDS = 4
MAX_QUESTION_WORDS = 80
MIN_INTERVIEW_PAIRS = 2
QUESTION_LABELS = frozenset({"Q", "Question"})
ANSWER_LABELS = frozenset({"A", "Answer"})


@dataclass(frozen=True)
class Quotation:
    start: int  # offset of the opening mark (or of the speech's first word)
    end: int  # offset after the closing mark (or the end of the last paragraph, if never closed)
    pieces: tuple[tuple[int, int], ...]  # inner text per paragraph, as (start, end) offsets
    kind: str = "marks"  # "marks", "dash", "answer", "question" or "labelled" (see the module)

    @property
    def inner_start(self) -> int:
        return self.pieces[0][0]

    @property
    def inner_end(self) -> int:
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        return quote_text(source[self.inner_start : self.inner_end])


@dataclass(frozen=True)
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def quote_text(inner: str) -> str:
    """The words of a quotation from the text between its first and last mark: paragraphs
    joined by a space, the marks that open continuation paragraphs dropped."""
    parts: list[str] = []
    for part in (p.strip() for p in inner.split("\n")):
        if not part:
            continue
        if parts and part[0] in MARKS:
            part = part[1:].lstrip()
        parts.append(" ".join(part.split()))
    return " ".join(parts)


def _can_open(prev: str, nxt: str) -> bool:
    return not nxt.isspace() and nxt not in _NO_OPEN_AFTER and (prev.isspace() or prev in _OPEN_BEFORE)


def _can_close(prev: str, nxt: str) -> bool:
    return not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)


def _is_mark(text: str, i: int) -> bool:
    return text[i] in MARKS and not (text[i] == '"' and _SECONDS_MARK.search(text, max(0, i - 6), i))


def _lines(text: str) -> list[_Line]:
    lines = []
    for match in _LINE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            lines.append(_Line(start, end))
    return lines


def find_quotations(text: str) -> list[Quotation]:
    lines = _lines(text)
    blocks = _speech_blocks(text, lines)
    found = _marked(text, [line for k, line in enumerate(lines) if k not in blocks])
    found += [q for quotations in blocks.values() for q in quotations]
    return sorted(found, key=lambda q: q.start)


# --- quotation marks ----------------------------------------------------------------------------


def _marked(text: str, lines: list[_Line]) -> list[Quotation]:
    found: list[Quotation] = []
    open_at: int | None = None  # opening mark of the quotation in progress
    pieces: list[tuple[int, int]] = []
    previous_end = -1
    for line in lines:
        start, end = line.start, line.end
        depth = 0
        position = start
        if open_at is not None:
            continues = text[start] in MARKS and not text[previous_end:start].strip()
            if continues:  # a continuation paragraph
                depth, position = 1, start + 1
                piece_start = position
            else:
                found += _end_open(text, open_at, pieces)
                open_at, pieces = None, []
        for mark in _ANY_MARK.finditer(text, position, end):
            i = mark.start()
            if not _is_mark(text, i):
                continue
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < end else " "
            opens, closes = _can_open(prev, nxt), _can_close(prev, nxt)
            if depth == 0:
                if opens:
                    open_at, pieces, depth, piece_start = i, [], 1, i + 1
            elif opens and not closes:
                depth += 1  # a quotation inside the quotation: «his day»
            else:
                depth -= 1
                if depth == 0:
                    pieces.append((piece_start, i))
                    found.append(Quotation(open_at, i + 1, tuple(pieces)))
                    open_at, pieces = None, []
        if depth > 0:
            pieces.append((piece_start, end))
        previous_end = end
    if open_at is not None and pieces:
        found += _end_open(text, open_at, pieces)
    return found


def _end_open(text: str, open_at: int, pieces: list[tuple[int, int]]) -> list[Quotation]:
    """A quotation never closed: it ends with its paragraph, or where the writer's
    `, - Name said.` takes over."""
    start, end = pieces[-1]
    speech = _speech_pieces(text, start, end)
    quotations = [Quotation(open_at, speech[0][1], (*pieces[:-1], speech[0]))]
    quotations += [Quotation(s, e, ((s, e),)) for s, e in speech[1:]]
    return quotations


def _speech_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Speech in [start, end) up to each `, - <attribution>.`, and again after the attribution
    when a dash resumes it (`- Speech, - said Vinokurov. - More speech.`)."""
    pieces: list[tuple[int, int]] = []
    position, speaking = start, True
    for match in _DASH_ATTRIBUTION.finditer(text, start, end):
        if speaking:
            rest = text[match.end() : end]
            attribution = re.match(r"[^.!?…]*[.!?…]?", rest).group()
            if len(attribution.split()) > MAX_ATTRIBUTION_WORDS or any(c in MARKS for c in attribution):
                continue
            pieces.append((position, match.start()))
            speaking = False
        elif text[match.start() - 1] in ".!?…":
            position, speaking = match.end(), True
    if speaking:
        pieces.append((position, end))
    return [(s, e) for s, e in pieces if e > s] or [(start, end)]


# --- speech without marks -----------------------------------------------------------------------


def _speech_blocks(text: str, lines: list[_Line]) -> dict[int, list[Quotation]]:
    """The quotations of the lines that are speech without marks, by line number; marks inside
    such a line are quotations inside the speech."""
    blocks: dict[int, list[Quotation]] = {}
    for finder in (_dash_lines, _labelled_lines, _question_answer_lines):
        for k, quotations in finder(text, lines).items():
            blocks.setdefault(k, quotations)
    return blocks


def _words(text: str) -> int:
    return len(text.split())


def _dash_lines(text: str, lines: list[_Line]) -> dict[int, list[Quotation]]:
    """Dash paragraphs that are speech: runs of consecutive ones, each run kept only if marked
    as speech (see the module); a bulleted list is a run too."""
    candidates: dict[int, int] = {}  # line number -> start of the words after the dash
    for k, line in enumerate(lines):
        dash = _DIALOGUE_DASH.match(text, line.start, line.end)
        if dash is None:
            continue
        body = text[dash.end() : line.end]
        last_line = k == len(lines) - 1
        if _words(body) >= MIN_BLOCK_WORDS and (body[-1] in _SENTENCE_END or last_line) and not body[0].islower():
            candidates[k] = dash.end()
    found: dict[int, list[Quotation]] = {}
    for run in _runs(sorted(candidates)):
        if not _dash_speech(text, lines, run, candidates):
            continue
        for k in run:
            line, body_start = lines[k], candidates[k]
            if text[line.end - 1] == "?":
                found[k] = [Quotation(line.start, line.end, ((body_start, line.end),), "question")]
            else:
                found[k] = _speech_quotations(text, body_start, line.end, "dash", line.start)
    return found


def _runs(numbers: list[int]) -> list[list[int]]:
    """Sorted line numbers grouped into runs of consecutive ones."""
    runs: list[list[int]] = []
    for k in numbers:
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _dash_speech(text: str, lines: list[_Line], run: list[int], bodies: dict[int, int]) -> bool:
    """Whether a run of dash paragraphs is speech: introduced by `... told about X:`, attributed
    by `, - X said.` in one of them, or an interview of questions and first-person answers."""
    first = run[0]
    if first > 0:
        before = lines[first - 1].text(text)
        if before[-1] in ":;" and _speech_words(before):
            return True
    if any(_dash_attributed(text, bodies[k], lines[k].end) for k in run):
        return True
    answers = [lines[k].text(text) for k in run if text[lines[k].end - 1] != "?"]
    asks = len(answers) < len(run)
    return asks and any(_first_person(answer) for answer in answers)


def _dash_attributed(text: str, start: int, end: int) -> bool:
    """`..., - Alexander Vinokurov told.` in [start, end): a dash, then a speech verb before the
    sentence ends."""
    for match in _DASH_ATTRIBUTION.finditer(text, start, end):
        attribution = re.match(r"[^.!?…]*", text[match.end() : end]).group()
        if _words(attribution) <= MAX_ATTRIBUTION_WORDS and _speech_words(attribution):
            return True
    return False


def _lower_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _speech_words(text: str) -> bool:
    """Whether the text holds a speech verb or an interview cue ("told", "spoke", "interview")."""
    return not _lower_words(text).isdisjoint(words("speech_verbs") | words("interview_cues"))


def _first_person(text: str) -> bool:
    return not _lower_words(text).isdisjoint(words("first_person") | words("first_person_plural"))


def _speech_quotations(text: str, start: int, end: int, kind: str, opening: int) -> list[Quotation]:
    """The quotations of one line of unmarked speech: more than one when `, - X said.` cuts it."""
    pieces = _speech_pieces(text, start, end)
    return [Quotation(opening if n == 0 else s, e, ((s, e),), kind) for n, (s, e) in enumerate(pieces)]


def _labelled_lines(text: str, lines: list[_Line]) -> dict[int, list[Quotation]]:
    """`Name: answer` and `Q: question` lines; an article needs two of them to be an interview."""
    labelled: dict[int, tuple[str, int]] = {}
    for k, line in enumerate(lines):
        label = _LABEL.match(text, line.start, line.end)
        if label is None or text[label.end()] in MARKS or _words(text[label.end() : line.end]) < MIN_BLOCK_WORDS:
            continue
        labelled[k] = (label.group(1), label.end())
    if len(labelled) < MIN_INTERVIEW_PAIRS:
        return {}
    found: dict[int, list[Quotation]] = {}
    for k, (label, body_start) in labelled.items():
        line = lines[k]
        if label in QUESTION_LABELS or text[line.end - 1] == "?":
            found[k] = [Quotation(line.start, line.end, ((body_start, line.end),), "question")]
        else:
            kind = "answer" if label in ANSWER_LABELS else "labelled"
            found[k] = _speech_quotations(text, body_start, line.end, kind, line.start)
    return found


def _question_answer_lines(text: str, lines: list[_Line]) -> dict[int, list[Quotation]]:
    """An interview printed as questions and answers without marks: a line that asks (ends in
    "?") followed by one that answers. It takes two such pairs, answers in the first person."""

    def plain(line: _Line) -> bool:
        return not any(_is_mark(text, i) for i in range(line.start, line.end)) and not _DIALOGUE_DASH.match(text, line.start, line.end)

    def asks(line: _Line) -> bool:
        return text[line.end - 1] == "?" and _words(line.text(text)) <= MAX_QUESTION_WORDS and plain(line)

    questions = [k for k, line in enumerate(lines) if asks(line)]
    answers: dict[int, list[int]] = {}
    for n, q in enumerate(questions):
        following = questions[n + 1] if n + 1 < len(questions) else q + 2
        block = []
        for k in range(q + 1, min(following, len(lines))):
            if not plain(lines[k]) or _words(lines[k].text(text)) < MIN_BLOCK_WORDS:
                break
            block.append(k)
        if block:
            answers[q] = block
    spoken = [q for q, block in answers.items() if _first_person(" ".join(lines[k].text(text) for k in block))]
    if len(answers) < MIN_INTERVIEW_PAIRS or 2 * len(spoken) < len(answers):
        return {}
    found: dict[int, list[Quotation]] = {}
    for q, block in answers.items():
        found[q] = [Quotation(lines[q].start, lines[q].end, ((lines[q].start, lines[q].end),), "question")]
        for k in block:
            found[k] = _speech_quotations(text, lines[k].start, lines[k].end, "answer", lines[k].start)
    return found
