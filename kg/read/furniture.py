"""The story among the furniture of a saved page: what a reader reads, and what they skip.

A scraped page keeps, around and inside the story, lists of other stories (each a title line,
often with a video length), tag lists, "Scroll to top", a headline of another story inserted
in capitals, the same paragraph twice. Single lines are judged by patterns
(``boilerplate.jsonl``); these rules judge paragraphs by their shape and place: a story
paragraph is a sentence (or a long line cut short); title-like lines after the last story
paragraph, runs of them between story paragraphs (unless they are an embedded tweet) and
inserted capitalised headlines are furniture. The story itself is never dropped: a page with
no story paragraph keeps its lines.
"""

from __future__ import annotations

import re

PROSE_MIN_WORDS = 8
STORY_MIN_WORDS = 4
"""A short sentence among the story's paragraphs is still the story ("Nobody was hurt.")."""
LONG_LINE_WORDS = 20
"""A line this long is story text even without a full stop (a paragraph the page cut short)."""
QUESTION_MIN_WORDS = 12
"""A shorter question alone on its line is a headline of another story, not the story."""
MIN_RUN = 2
"""Title-like lines in a row between story paragraphs that make a list of other stories."""

SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_TWEET_FOOTER = re.compile(r"^[—–-]\s*\S.*\(@\w{1,30}\)")
_LETTER = re.compile(r"[^\W\d_]")


_LINK_CARD = re.compile(
    r"\b([A-Z][\w'-]+(?: [A-Z][\w'-]+)+?)"  # the name as the story writes it: "Charles Schumer"
    r"[A-Z][\w'-]*(?: [A-Z][\w'-]+)*?[a-z][A-Z][\w'-]+"  # glued to it: "Chuck SchumerSchumer"
    r" [^()\n]{0,160}? MORE\b"  # the linked headline and its button
)


def without_link_cards(paragraph: str) -> str:
    """A paragraph without the pop-up cards a page sets after a person's name: the name in its
    short forms, glued to it, and a headline of another story ending on "MORE".

    >>> without_link_cards("Leader Ana LimaAna LimaLima tees up a vote MORE (D-N.Y.) said")
    'Leader Ana Lima (D-N.Y.) said'
    """
    return _LINK_CARD.sub(r"\1", paragraph)


def is_prose(line: str) -> bool:
    """A line of story text: a full sentence, not a title, label or date."""
    return len(line.split()) >= PROSE_MIN_WORDS and bool(SENTENCE_END.search(line))


def is_story(paragraph: str) -> bool:
    """A paragraph of the story: a full sentence, or a long line the page cut short.

    >>> is_story("Rain flooded several towns on the coast on Monday, officials said.")
    True
    >>> is_story("Polls close in Botswana as residents wait for results")
    False
    >>> is_story("Is the war reaching a turning point?")
    False
    """
    n_words = len(paragraph.split())
    if paragraph.rstrip().endswith("?") and n_words < QUESTION_MIN_WORDS:
        return False  # "Is the war reaching a turning point?": another story's title
    return (n_words >= STORY_MIN_WORDS and bool(SENTENCE_END.search(paragraph))) or (
        n_words >= LONG_LINE_WORDS
    )


def is_tweet_footer(paragraph: str) -> bool:
    """The line under an embedded tweet: "— Name (@handle) December 9, 2016".

    >>> is_tweet_footer("— Electoral Board (@ElectBoard) May 2, 2021")
    True
    """
    return bool(_TWEET_FOOTER.match(paragraph))


def is_capitalised_headline(paragraph: str) -> bool:
    """A line of three or more words in capitals: another story's headline inserted in this one.

    >>> is_capitalised_headline("FLOODS CUT OFF TOWNS IN THE NORTH")
    True
    >>> is_capitalised_headline("NATO")
    False
    """
    letters = _LETTER.findall(paragraph)
    return len(paragraph.split()) >= 3 and bool(letters) and all(c.isupper() for c in letters)


def without_repeats(paragraphs: list[str]) -> list[str]:
    """The paragraphs with a second copy of a story paragraph left out (pages repeat the lead).

    >>> without_repeats(["Rain fell all night.", "Rain fell all night.", "Watch", "Watch"])
    ['Rain fell all night.', 'Watch', 'Watch']
    """
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        key = " ".join(paragraph.split()).casefold()
        if key not in seen or not is_story(paragraph):
            kept.append(paragraph)
        seen.add(key)
    return kept


def story_paragraphs(body: list[str]) -> list[str]:
    """The body's paragraphs without the furniture between and after the story's paragraphs.

    >>> story_paragraphs(["Floods cut off three towns on the coast on Monday, police said.",
    ...     "OTHER NEWS: MARKETS FALL AGAIN", "Rescuers reached the towns late on Tuesday.",
    ...     "01:10", "Polls open in the capital", "Watch video", "Tags"])
    ['Floods cut off three towns on the coast on Monday, police said.', \
'Rescuers reached the towns late on Tuesday.']
    """
    story = [i for i, p in enumerate(body) if is_story(p)]
    if not story:
        return body
    kept = []
    i = 0
    end = story[-1] + 1
    while i < end:
        if is_story(body[i]):
            kept.append(body[i])
            i += 1
            continue
        run_end = next(j for j in range(i, end) if is_story(body[j]))
        run = body[i:run_end]
        if len(run) < MIN_RUN or any(map(is_tweet_footer, run)):
            kept.extend(p for p in run if not is_capitalised_headline(p))
        i = run_end
    return kept
