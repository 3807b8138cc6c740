"""The extractor's fixed word lists: reporting verbs, modality, titles, group nouns, name shapes.

They are rules, the same for every article; nothing here is learned from the corpus."""

from __future__ import annotations

import re


_SAY = (r"said|says|say|told|tells|tell|added|adds|noted|notes|noting|stated|states|announced|announces|announcing|"
        r"confirmed|confirms|confirming|insisted|insists|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|warned|warns|"
        r"argued|argues|explained|explains|wrote|writes|reported|reports|reporting|tweeted|tweets|indicated|"
        r"indicates|acknowledged|acknowledges|admitted|admits|suggested|suggests|predicted|predicts|promised|"
        r"promises|pledged|pledges|vowed|vows|demanded|demands|demand|urged|urges|called for|calls for|accused|"
        r"accuses|blamed|blames|charged|charges|alleged|alleges|claimed|claims|claiming|described|describes|"
        r"recalled|recalls|summed up|believes|assumed|assumes|feared|fears|conceded|concedes|declared|declares|"
        r"asserted|asserts|denied|denies|denying|maintained|maintains|countered|replied|responded|complained|"
        r"floated|proposed|was adamant|is adamant|were adamant|are adamant")
ACCUSING = {"accused", "accuses", "blamed", "blames", "charged", "charges", "alleged", "alleges"}
AMBIGUOUS = {"maintains", "maintained", "claims", "demands", "promises", "pledges", "states", "notes", "adds", "added",
              "calls for", "called for", "reports", "describes", "described", "recalls", "recalled", "warns", "fears",
              "feared", "stated", "noted", "proposed", "replied", "responded", "countered", "declared", "declares",
              "explains", "explained", "concedes", "conceded"}
SAY_RE = re.compile(rf"(?<![\w-])(?:{_SAY})(?![\w-])", re.IGNORECASE)
MODALITY_BY_VERB = [
    (r"demand|urge|call", "demanded"), (r"den(y|ie)", "denied"), (r"promis|pledg|vow", "promised"),
    (r"predict|warn|fear|assum", "predicted"), (r"report|wrote|write", "reported"), (r"float|propos", "planned"),
]
AUX_TAIL = re.compile(r"(?:\s+(?:has|have|had|is|are|was|were|will|would|also|repeatedly|long|later|again|reportedly|"
                       r"publicly|privately|previously|recently|then|already|further|once|first|quickly|earlier|"
                       r"separately|himself|herself|themselves|had|has))+\s*$", re.IGNORECASE)
TIME_ADVERB = re.compile(r"(?:,?[ \u00a0]*(?:(?:on[ \u00a0]+)?(?:(?:last|this|next)[ \u00a0]+)?(?:Monday|Tuesday|Wednesday|"
                          r"Thursday|Friday|Saturday|Sunday)(?:’s|'s)?(?:[ \u00a0]+(?:morning|afternoon|evening|night))?|"
                          r"(?:on|in)[ \u00a0]+(?:a[ \u00a0]+)?(?:statement|interview|briefing|tweet|post)s?|"
                          r"yesterday|today|earlier|later|repeatedly|again|also|this week|last week|this month|"
                          r"last month|this year|last year|"
                          r"in[ \u00a0]+(?:January|February|March|April|May|June|July|August|September|October|"
                          r"November|December))(?![\w]))+", re.IGNORECASE)
GROUP_HEADS = (r"officials?|sources?|diplomats?|spokes(?:man|woman|person)|leaders?|lawmakers?|legislators?|"
                r"analysts?|experts?|aides?|advis[eo]rs?|commanders?|protesters?|residents?|witness(?:es)?|members?|"
                r"people|critics|observers|activists|negotiators|officers?|executives?|ministers?|minister|"
                r"representatives?|delegates?|mediators?|insiders?|authorities|organi[sz]ers|economists|traders|"
                r"owners|workers|employees|scientists|researchers|doctors|officials|government|groups|militias|parties|factions")
PRONOUNS = {"he": "person", "she": "person", "his": "person", "her": "person", "they": "group", "their": "group",
             "it": "any", "its": "any", "we": "group", "i": "person"}
TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "foreign", "defense", "defence", "caretaker", "general", "gen.",
    "maj.", "lt.", "col.", "sen.", "rep.", "gov.", "mr.", "mrs.", "ms.", "dr.", "sheikh", "ayatollah", "king",
    "queen", "prince", "chancellor", "spokesman", "deputy", "assistant", "under", "u.s.", "us", "transport",
    "interior", "finance", "state", "senator", "governor", "mayor", "chief", "ambassador", "director", "leader",
    "former", "acting", "vice", "minister,", "mp", "lawmaker", "general,", "commander", "colonel", "captain",
    "judge", "justice", "speaker", "chairman", "chairwoman", "chair", "head", "ceo",
}
ORG_WORDS = re.compile(r"\b(?:Party|Union|Council|Ministry|Authority|Institute|Center|Centre|Group|Army|Front|"
                        r"Movement|Association|Agency|Committee|Bank|Company|Corp|Inc|University|Foundation|"
                        r"Department|Office|Commission|Federation|Alliance|League|Brigades?|Forces)\b")
MEDIA_WORDS = re.compile(r"\b(?:media|television|TV|radio|newspaper|news agency|agency|news|paper|Times|Post|"
                          r"Gazette|Journal|Herald|Tribune|Press|Telegraph|Guardian|Broadcasting)\b", re.IGNORECASE)
_NAME_TOKEN = r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn|abu|de|van|von|da|di|du|le|la)-?[A-Z]?[\w’'-]*)"
NAME_RUN = re.compile(rf"[A-Z][\w’'.-]*(?:[ \u00a0]+{_NAME_TOKEN})+")


def strip_particle(name: str) -> str:
    return re.sub(r"\b(?:al|el)-", "", name)
