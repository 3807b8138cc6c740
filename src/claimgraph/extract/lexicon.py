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


#: Words for armed forces: a presence cue ("stay", "leave") is about forces only when one of them is near.
FORCES = r"(?:troops?|forces?|soldiers?|military|personnel|presence|marines|contingents?|coalition|army|boots)"

#: Cues for the predicate of a drafted proposition: (pattern, predicate, category). The category is None for a
#: predicate whose value is an entity. A cue marked with FORCES in the pattern needs a forces word nearby (see
#: :data:`FORCES_NEEDED`). Where several cues occur, the first in the text wins; at one position, the first here.
PREDICATE_CUES: list[tuple[str, str, str | None]] = [
    (r"\b(?:non-?binding|not (?:legally )?binding)\b", "legal-force", "non-binding"),
    (r"\b(?:binding|legally bind\w*)\b", "legal-force", "binding"),
    (r"\b(?:need|needs|needed|needing|depend\w*|require\w*|rel(?:y|ies|ied) on)\b", "needs", None),
    (r"\b(?:oppos\w*|reject\w*|against|condemn\w*|denounc\w*|resent\w*|refus\w*|objects? to)\b", "opposes", None),
    (r"\b(?:support\w*|backs|backed|backing|favou?r\w*|welcom\w*|endors\w*|wants?|wanted|would like|"
     r"in favou?r of)\b", "supports", None),
    (r"\b(?:threat\w*)\b", "threatens", None),
    (r"\b(?:allied with|allies of|ally of)\b", "allied-with", None),
    (r"\b(?:linked (?:to|with)|close to|loyal to|aligned with|\w+-backed|backed by|proxy|proxies)\b",
     "aligned-with", None),
    (r"\b(?:fight\w*|fought|attack\w*|combat(?:ing|s|ed)|battl\w*)\b", "fights", None),
    (r"\b(?:aid(?:s|ed|ing)?|help\w*|assist\w*|arm(?:s|ed|ing)|transport\w*|shield\w*)\b", "aids", None),
    (r"\b(?:boycott\w*|attend\w*|took part|take part|taking part|participat\w*)\b", "took-part-in", None),
    (r"\b(?:unable|cannot|can't|could not|couldn't|lack\w* the (?:votes|means)|able to|capable of)\b",
     "able-to", None),
    (r"\b(?:expel\w*|expulsion|kick\w* out|evict\w*|ouster|oust(?:s|ed|ing)?)\b", "presence", "expelled"),
    (r"\b(?:reclassif\w*|redefin\w*|renam\w*|rebrand\w*|relabel\w*|in name only|only in name|"
     r"(?:shift\w*|transition\w*|mov\w*|reduced) to (?:an? )?(?:advis\w*|train\w*))\b", "presence", "reclassified"),
    (r"\b(?:withdr[ae]w\w*|pull\w* (?:out|back)|pullout|pull-out|come home|coming home|go home|troop exit|"
     r"end (?:the|their|its|a) (?:\w+ )?presence|pull\w*(?: \w+){0,3} (?:troops|forces|soldiers) (?:out|from)|an end to (?:the |their |its )?(?:\w+ )?presence)\b", "presence",
     "withdrawn"),
    (r"\b(?:leav(?:e|es|ing)|left|exit\w*|depart\w*)\b", "presence", "withdrawn+forces"),
    (r"\b(?:reduc\w*|cut(?:s|ting)?|drawdown|draw(?:s|ing)? down|scal\w* back|trim\w*|remov\w*)\b", "presence",
     "reduced+forces"),
    (rf"\b(?:remain(?!der|ing\s+(?:\w+\s+){{0,4}}{FORCES})\w*|stay\w*|(?:keep\w*|kept|retain\w*)(?=(?:\s+\S+){{0,4}}\s+{FORCES})|"
     r"continu\w*|still (?:in|there))\b", "presence", "remains+forces"),
    (r"\b(?:wars?|occupation|insurgency|campaign|conflict)\b[^.;]{0,60}\b(?:over|end\w*|conclud\w*|finish\w*)\b|"
     r"\b(?:end\w*|over)\b[^.;]{0,40}\b(?:wars?|occupation|insurgency|conflict)\b", "status", "ended"),
    (r"\b(?:wars?|occupation|insurgency|campaign|conflict)\b[^.;]{0,40}\b(?:continu\w*|ongoing|go(?:es)? on|"
     r"rag\w*)\b", "status", "ongoing"),
    (r"\b(?:delay\w*|postpon\w*|put on hold|on hold|stall\w*|push\w* back)\b", "event-status", "delayed"),
    (r"\b(?:cancel\w*|scrap\w*|call\w* off)\b", "event-status", "cancelled"),
    (r"\b(?:as scheduled|on schedule|on track)\b", "event-status", "on-schedule"),
    (r"\b(?:scheduled|due to|set to)\b", "event-status", "scheduled"),
    (r"\b(?:completed?|complet(?:ion|ing))\b", "event-status", "completed"),
    (r"\b(?:agreement|agreed|deal|accord|pact|reached)\b", "event-status", "agreed"),
    (r"\b(?:decided|decision|decides)\b", "event-status", "decided"),
    (r"\b(?:announc\w*|unveil\w*)\b", "event-status", "announced"),
]

#: Negation a few words before a cue: the proposition does not hold.
NEGATION = re.compile(r"\b(?:not|no|never|n't|without|nor|neither)\b(?:\W+\w+){0,3}\W*$", re.IGNORECASE)

#: What the subject of a state predicate is, by words of its registry label.
SUBJECT_LABEL_WORDS = {
    "status": r"\b(?:war|occupation|insurgency|campaign|conflict|mission|involvement|protests?)\b",
    "event-status": r"\b(?:agreement|deal|accord|pact|talks|decision|withdrawal|vote|resolution|plan|"
                    r"negotiations?|end of|exit|departure|pullout)\b",
    "legal-force": r"\b(?:resolution|vote|law|bill|order|decree|agreement|motion)\b",
}
