"""The annotation scheme (scheme 2): every label and every rule of a brief, defined once.

A brief's labels are the product: who says a claim, how it reached the article, with which
words the article ties it to its source, and what the article says about its status. The
model, the gold annotator and the scorers must read these labels the same way, so each
definition lives here and nowhere else:

* the pydantic fields in `schema.py` take their descriptions from here (so the JSON Schema
  the model receives carries them);
* `prompts/system.j2` renders the label lists and the rules from here;
* `evals/GUIDELINES.md` holds generated blocks rendered from here
  (`python -m summarizer.labels --write`), and a test fails when a block drifts.

The scheme separates four things that scheme 1 mixed in one "certainty" label (after PARC 3.0's
source / cue / content, PolNeAR's univocal source-cue-content spans, and FactBank's
source-relative factuality; see `evals/GUIDELINES.md`, "Background"):

* `Status` — what the *source* presents the content as: a fact, expected, possible, denied,
  a pretext or contested claim, an evaluation (FactBank's factuality relative to the source);
* `Stance` — what the *cue word* says about the article's own commitment: neutral, distancing
  (زعم), endorsing (كشف) — its own dimension, because it varies independently of the status;
* `Channel` — how the source's words reached the article (an interview with an outlet, a
  statement, a news agency, a press report, ...), apart from who the source is;
* `ActorType` — one type vocabulary for sources and entities alike, with title-only
  officials and countries.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

SCHEME_VERSION = "2"


class ActorType(StrEnum):
    """What kind of actor a source or an entity is (one vocabulary for both)."""

    PERSON = "person"
    OFFICIAL = "official"
    GOVERNMENT = "government"
    COUNTRY = "country"
    ORGANIZATION = "organization"
    MEDIA = "media"
    ANONYMOUS = "anonymous"
    NARRATION = "narration"
    LOCATION = "location"
    GROUP = "group"
    EVENT = "event"
    OTHER = "other"


class Channel(StrEnum):
    """How the source's words reached the article (the last hop before the article)."""

    TOLD_OUTLET = "told_outlet"
    NEWS_AGENCY = "news_agency"
    PRESS_REPORT = "press_report"
    STATEMENT = "statement"
    BROADCAST = "broadcast"
    SOCIAL_MEDIA = "social_media"
    UNSPECIFIED = "unspecified"
    NARRATION = "narration"


class Stance(StrEnum):
    """What the cue word says about the article's own commitment to the source's words."""

    NEUTRAL = "neutral"
    DISTANCING = "distancing"
    ENDORSING = "endorsing"


class Status(StrEnum):
    """What the source presents the content as (FactBank's factuality, relative to the source)."""

    FACT = "fact"
    EXPECTED = "expected"
    POSSIBLE = "possible"
    DENIED = "denied"
    CONTESTED = "contested"
    EVALUATION = "evaluation"


class FactKind(StrEnum):
    """What a key fact is."""

    NUMBER = "number"
    DATE = "date"
    DURATION = "duration"


class Qualifier(StrEnum):
    """How exactly the article gives a number."""

    EXACT = "exact"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    ABOUT = "about"
    AT_LEAST = "at_least"
    UP_TO = "up_to"


SOURCE_TYPES: tuple[ActorType, ...] = (
    ActorType.PERSON,
    ActorType.OFFICIAL,
    ActorType.GOVERNMENT,
    ActorType.COUNTRY,
    ActorType.ORGANIZATION,
    ActorType.MEDIA,
    ActorType.ANONYMOUS,
    ActorType.NARRATION,
)
ENTITY_TYPES: tuple[ActorType, ...] = tuple(t for t in ActorType if t not in (ActorType.ANONYMOUS, ActorType.NARRATION))

# One line per value: what it means, with Arabic examples. (Values of different enums may be
# equal strings, e.g. the narration type and channel, so definitions are keyed by enum and value.)
_DEFINITIONS: dict[StrEnum, str] = {
    ActorType.PERSON: "a person named by name, with or without a title (محمد مصطفى، أنتوني بلينكن).",
    ActorType.OFFICIAL: (
        "a person identified only by an office that one person holds, not by name (وزير الدفاع اللبناني، "
        "المتحدث باسم الجيش الإسرائيلي، الرئيس التركي). An office many people hold («مسؤول»، «دبلوماسي») is anonymous."
    ),
    ActorType.GOVERNMENT: (
        "a state institution acting or speaking as such: a government, ministry, army, police, presidency or "
        "authority (الحكومة اللبنانية، وزارة الدفاع، الجيش الإسرائيلي، السلطات المحلية)."
    ),
    ActorType.COUNTRY: "a state named as a whole, as actor or as place (لبنان، تركيا، الولايات المتحدة).",
    ActorType.ORGANIZATION: (
        "a named non-state body: party, company, NGO, armed group with a name, international organization "
        "(الأمم المتحدة، حزب الله)."
    ),
    ActorType.MEDIA: (
        "a newspaper, website, TV or radio channel or news agency (الجزيرة، هآرتس، رويترز), and a social platform "
        "or messaging service (إكس، فيسبوك، تلغرام)."
    ),
    ActorType.ANONYMOUS: (
        "sources only: a person or group the article does not identify (مصدر مطلع، مصادر أمنية، مسؤول في "
        "وزارة الدفاع، شهود عيان) — also an unnamed person inside a named body."
    ),
    ActorType.LOCATION: (
        "entities only: a city, province, region, site or facility (بيروت، درعا، الجليل، معبر رفح، محطة الضخ)."
    ),
    ActorType.GROUP: (
        "entities only: people named collectively, not an organization: also armed men, clans and families with "
        "no organization's name (المستوطنون، اللاجئون السوريون، سكان القرية، مسلحو العشائر، آل الأسد)."
    ),
    ActorType.EVENT: "entities only: a named event, agreement or process (اتفاق أوسلو، قمة مجموعة العشرين).",
    ActorType.OTHER: "entities only: anything else the story names.",
    Channel.TOLD_OUTLET: (
        "the source spoke to an outlet: an outlet follows a verb of saying with ل or مع, or «في تصريح/مقابلة/"
        "حديث لـ» (قال ... لقناة الجزيرة، صرّح لوكالة ...). via = that outlet."
    ),
    Channel.NEWS_AGENCY: (
        "a news agency is the subject that relays the words (نقلت وكالة رويترز عن ...، أوردت وكالة ...). "
        "via = the agency."
    ),
    Channel.PRESS_REPORT: (
        "a newspaper, website or channel other than an agency is cited for its report (حسب صحيفة هآرتس، "
        "ذكرت القناة 12، نقلت صحيفة ... عن مسؤول). via = that outlet, also when it is the source itself."
    ),
    Channel.STATEMENT: (
        "the source's own public statement: بيان، مؤتمر صحفي، خطاب، كلمة، or the cue أعلن/أعلنت (made public)."
    ),
    Channel.BROADCAST: (
        "said on air, not in an interview with an outlet: «في كلمة متلفزة»، «في تسجيل مصور»، «عبر التلفزيون "
        "الرسمي». via = the channel if named."
    ),
    Channel.SOCIAL_MEDIA: (
        "a post on a social platform or messaging channel: «في تغريدة»، «في منشور على فيسبوك»، «عبر حسابه على "
        "منصة إكس»، «على تلغرام». via = the platform."
    ),
    Channel.UNSPECIFIED: (
        "a source is cited but the article does not say how its words reached it (وبحسب مصادر مطلعة، قال مسؤول أمني)."
    ),
    Stance.NEUTRAL: (
        "the cue reports without judging: قال، ذكر، أفاد، أضاف، أشار، أوضح، صرّح، أعلن، أكد، نفى، نقل، حسب، بحسب، "
        "وفقًا (a denial verb is neutral: the denial is the status)."
    ),
    Stance.DISTANCING: (
        "the cue signals that the article does not vouch for the words: زعم، ادعى، مزاعم، ادعاءات، بزعم."
    ),
    Stance.ENDORSING: (
        "the cue presents the content as true (factive): كشف، أقرّ، اعترف، أثبت، أظهر. Test: the article could "
        "not go on «لكن ذلك غير صحيح» without contradicting itself."
    ),
    Status.DENIED: (
        "the source says it did not happen or is not true: نفى، نفت، كذّب، «لا صحة لـ»; the statement says "
        "what the source denies. A plain negative statement («لم تتلقَّ أي دعوة») is a fact, not a denial."
    ),
    Status.CONTESTED: (
        "a pretext, justification or disputed claim that the article, or the source it cites, names as such: "
        "بحجة، بذريعة، تحت ذريعة، المزعوم، ما يسمى. Inside a cited source's words the source stays the cited one."
    ),
    Status.POSSIBLE: "presented as possible, not as expected: قد + present tense، ربما، من المحتمل، يُحتمل، لا يُستبعد.",
    Status.EXPECTED: (
        "presented as future, planned or forecast: سـ، سوف، يُنتظر، من المتوقع، يتوقع، مرتقب، من المقرر، and a "
        "decided plan to act (يعتزم، ينوي، قرر أن + a future act), whose act is the predicate; a negated future "
        "(لن + verb: لن تنجر إلى الحرب) too."
    ),
    Status.EVALUATION: (
        "a judgement or characterisation, not a checkable event or state, judged on the content whatever the "
        "cue: a value word or a superlative of importance or quality (ناجحة، خطوة مهمة، إهمال، هشاشة، الأخطر، "
        "الأبرز), with or without تُعتبر/يُعد ('is regarded as') or an opinion cue (يرى أن، وصف بأنه), and placing an "
        "event within a wider move or strategy (يندرج ضمن، يأتي في إطار). A role or a rank on a measurable scale "
        "(المنفذ الرئيسي، من المساهمين الرئيسيين، من أفقر دول العالم بالمياه), a checkable property (إجراء مؤقت), a "
        "sponsor or setting (يأتي برعاية …), a stated aim (الهدف من … هو) and a background description of an actor "
        "(يقودها رجال من خلفية …) are facts."
    ),
    Status.FACT: (
        "presented as having happened or being the case (positive or negative), whoever says it; also a wish, "
        "refusal, hope or readiness its holder states (لا ترغب في، يريد، يأمل، يسعى إلى، مستعد لـ) and a negated "
        "plan (لا تنوي، لا تعتزم): the fact is the attitude, not the act."
    ),
    FactKind.NUMBER: "a count, amount or percentage (نحو 300 جندي، مئات، 12%).",
    FactKind.DATE: "a day, weekday, month or year, absolute or relative (3 مارس، أمس، مساء السبت، العام الماضي).",
    FactKind.DURATION: "a length of time (خلال يومين، منذ ثلاثة أشهر).",
    Qualifier.EXACT: "no qualifier is written.",
    Qualifier.MORE_THAN: "أكثر من، ما يزيد عن، يتجاوز/تتجاوز، يفوق.",
    Qualifier.LESS_THAN: "أقل من.",
    Qualifier.ABOUT: "نحو، حوالي، قرابة، and vague magnitudes (مئات، آلاف).",
    Qualifier.AT_LEAST: "ما لا يقل عن.",
    Qualifier.UP_TO: "حتى، ما يصل إلى.",
}

DEFINITIONS: dict[tuple[type, str], str] = {}


def _define() -> None:
    pairs = [
        (ActorType.NARRATION, "sources only: the article's own voice, when no source is cited for the content."),
        (Channel.NARRATION, "the article's own voice; only with the narration source."),
    ]
    for value, text in [*_DEFINITIONS.items(), *pairs]:
        DEFINITIONS[(type(value), value.value)] = text


# The order in which a value is decided: the first that applies wins.
STATUS_ORDER: tuple[Status, ...] = (
    Status.DENIED,
    Status.CONTESTED,
    Status.POSSIBLE,
    Status.EXPECTED,
    Status.EVALUATION,
    Status.FACT,
)
CHANNEL_ORDER: tuple[Channel, ...] = (
    Channel.SOCIAL_MEDIA,
    Channel.NEWS_AGENCY,
    Channel.TOLD_OUTLET,
    Channel.PRESS_REPORT,
    Channel.BROADCAST,
    Channel.STATEMENT,
    Channel.UNSPECIFIED,
    Channel.NARRATION,
)


@dataclass(frozen=True)
class Rule:
    """One annotation rule: its key, its title and its text (shown to the model and to annotators)."""

    key: str
    title: str
    text: str


# Every rule a brief follows, once. Each is one paragraph: the prompt and the guidelines render
# them word for word.
RULES: tuple[Rule, ...] = (
    Rule(
        "claims",
        "One claim per checkable statement",
        "A claim is one statement that could be true while its neighbours are false; this test decides between "
        "clauses only: adjectives (ذات الغالبية الدرزية), predicate adjectives joined by و or لكن (قصيرة ولكنها "
        "استراتيجية) and the coordinated objects or places of one verb stay in its claim. Each finite verb with its "
        "own predicate is its own claim, also when it shares its subject with the verb before it and is joined by "
        "و، ف، ثم or لكن (تراجعت عن موقفها وسمحت … → two claims). A clause introduced by "
        "a connector of time, purpose or setting (such as بعد، بعد أن، إثر، قبل، خلال، بهدف، من أجل، على هامش) stays "
        "in the claim of the verb it modifies, even when it has its own actor, unless its source differs from "
        "the main clause's "
        "(the article's own background before a cited statement): then it is its own claim. Any other clause "
        "that adds a new event, a new actor doing something or a new state of affairs is its own claim: a حيث "
        "or و clause, a description of an event (that it is the first, who sponsors it), and a relative clause "
        "(with or without التي / الذي) that does not say which one is meant: after a name or a noun that is clear "
        "without it (الحكومة التي يرأسها …) and after a new indefinite noun, telling what it did or what happened in "
        "it (اشتباكات أسفرت عن مقتل …، مواجهات تدخلت فيها …، غارة استهدفت بلدة …: always its own claim). For a "
        "name or a definite noun, test: drop the clause; if the noun then means more things than before, the clause "
        "says which one is meant and stays (الجنود الذين أصيبوا في الهجوم، القوات التي حاولت دخول المدينة). A clause "
        "that only says how a source was cited (الذي فضل عدم الكشف عن هويته; في مؤتمر صحفي عقده في عمّان) is not a "
        "claim; one that describes the source itself (السلطات … التي يقودها رجال من خلفية …) is a claim of the "
        "narration. When the test leaves it open, the clause stays. A clause of result (ما أدى إلى، مما تسبب "
        "في) is its own claim. A "
        "connector clause after two coordinated verbs goes with the nearer one. A pretext or stated reason "
        "(بحجة ...) is its own claim, split from the action it justifies. The same content from two sources, "
        "or in two sentences, is two claims. The article's own background statements are claims too, with "
        "the narration as source.",
    ),
    Rule(
        "source",
        "Who says it",
        "The source is whoever the article cites for the claim's content. Everything inside a cue's scope "
        "belongs to that cue's source, even background that reads like fact. A forecast or evaluation verb "
        "with no subject (يتوقع، يُتوقع، تُعتبر، يُعد; an unvocalised يتوقع with no written subject is the passive) "
        "is not a cue (the status is then judged on the content); with a written subject (تتوقع الوزارة، يرى "
        "المحللون) it is a cue and "
        "its subject is the source. A sentence with no cue of its own is narration, also right after a "
        "cited sentence. When a cue sits inside another "
        "source's words (… بينما قال مصدر آخر إن …), the innermost explicitly cited source wins for the clause it "
        "governs. A cue's scope is its content (after أن / إن / إلى أن, or what حسب / وفقًا qualifies) up to the next "
        "cue or the end of the sentence, relative clauses inside the content included; the cue's subject, with "
        "its relative clauses, is outside it. A date "
        "written between the cue and its content (قالت … في بيان، مساء الأحد، إن …) dates the statement, not the "
        "content. A cue with no written subject (كما أضاف) continues the nearest explicit source. Coreferent "
        "mentions (المصدر، المسؤول) are the same source when nothing introduces another one; a definite mention "
        "with no antecedent (المصادر; a plural never refers back to singular sources) and a new indefinite one "
        "(مصدر آخر، مصدر في …) are new sources. Number the "
        "sources 1, 2, 3 in order of first mention, the narration at its first use. Never "
        "resolve what the article leaves open (which country's ministry). No cited source: narration.",
    ),
    Rule(
        "status",
        "Status of the content",
        "Judge the status of the claim's main predicate as its source presents it; who the source is and "
        "which cue introduces it do not change the status (a source's report of a past event is a fact; a "
        "source's forecast is expected). Nouns and clauses inside the predicate (احتمال، بهدف) do not "
        "change it either. A present-tense description of an expected event (its venue, its sponsor, "
        "that it is the first) is a fact. A stated wish or refusal (أعلنت أنها لا ترغب في …) is a fact about "
        "the attitude; only a planned act, or a negated future (لن …), is expected. Decide in this order; the "
        "first that applies wins: "
        + ", ".join(s.value for s in STATUS_ORDER)
        + ".",
    ),
    Rule(
        "stance",
        "Stance of the cue",
        "The stance belongs to the cue word alone: look up the cue in the three lists (neutral, distancing, "
        "endorsing); a cue not listed is neutral unless it is factive (endorsing) or signals doubt "
        "(distancing). The stance does not change the status: «زعم أن القوات انسحبت» is status fact with "
        "stance distancing. Narration has no cue and no stance (null).",
    ),
    Rule(
        "channel",
        "Channel and via",
        "The channel is the last hop before the article: if the article names several («قال في بيان نقلته "
        "وكالة …»), take the one closest to the article. Decide in this order; the first that applies wins: "
        + ", ".join(c.value for c in CHANNEL_ORDER)
        + ". via_ar / via_en name the medium of the channel (outlet, agency, platform) when the article names "
        "it, else null. The order ranks the definitions, not kinds of outlet: a source speaking to an agency is "
        "told_outlet, an agency relaying a source is news_agency. A later claim of the same source with no "
        "channel words of its own, whatever its verb (ذكر، قال، كما أضاف، وأشار المصدر), continues the same "
        "statement: repeat its channel and via. A source cited inside another source's words (… وفقًا لمصدر آخر "
        "inside the first source's statement) takes its channel only from channel words of its own: it never "
        "inherits the outer source's channel or via. via_ar follows the rule 'Names as written' (لموقع "
        "“فرانس 24” → فرانس 24).",
    ),
    Rule(
        "cue",
        "Cue as written",
        "cue_ar is the shortest span that ties the content to its source, copied as written: the verb of "
        "saying if there is one, alone («وفقًا لما أفاد به مصدر» → أفاد; «حسبما أفاد» → أفاد; «نقلت … عن» → "
        "نقلت), otherwise the word that does it (حسب، بحسب، وفقًا، مزاعم). Leave out a leading conjunction و or "
        "ف and كما (وأضاف → أضاف, فإن is not a cue), but keep a و that belongs to the word (وفقًا). Keep the "
        "verb's own ending and an attached pronoun as written (أعلنت، أضافت، ذكرته). A participle of saying is a cue "
        "too (مؤكدة، مشيرًا). When the main verb is a verb of saying and a وفقًا / حسب phrase adds another, the main "
        "verb is the cue (تحدث ناشطون عن … وفقًا لما نشروه → تحدث). Narration: null.",
    ),
    Rule(
        "names",
        "Names as written",
        "Arabic names are copied as the article writes them, without quotation marks or brackets, without an "
        "attached و ف ل ب ك, and without a leading generic word (صحيفة، جريدة، موقع، قناة، إذاعة، وكالة، "
        "منصة، محافظة، مدينة): هآرتس، الجزيرة، إكس، درعا — unless what remains is no name (وكالة الأنباء "
        "الأردنية stays whole; an acronym in brackets, بترا, is not part of it). A person is named by the name alone "
        "(محمد مصطفى). "
        "Officials and anonymous sources are the whole noun phrase with its adjectives and prepositional "
        "phrases, without a relative clause (مصدر أمني رفيع; مسؤول في وزارة الدفاع مطلع على "
        "الملف; not «الذي طلب عدم ذكر اسمه»). A source is written once, from its first "
        "mention in the story. A nationality adjective after an outlet's name is not part of it (صحيفة الصباح "
        "التونسية → الصباح); words of a proper name stay (تونس إفريقيا للأنباء، معبر رفح). One entity per referent: a "
        "title that refers to a named person is that person's role. English names use the usual English spelling.",
    ),
    Rule(
        "values",
        "Key-fact values",
        "value is a normalized form that never adds what the article does not write — no year, no date for a "
        "weekday, no number for a vague quantity. Numbers: Western digits without separators (1200, 2.5, 12%); "
        "number words become digits when they give a count (ثلاثة → 3; نحو ثلاثة آلاف → 3000, about; مليوني → "
        "2000000). Vague magnitudes, plurals with no count: one of dozens, hundreds, "
        "thousands, tens of thousands, hundreds of thousands, millions (qualifier about). Dates: YYYY-MM-DD, "
        "YYYY-MM or YYYY only when the year is written; --MM-DD for day and month without a year (3 مارس → "
        "--03-03); --MM for a month alone (في مارس → --03); a weekday in lowercase English (مساء السبت → "
        "saturday; the part of the day goes in the description); today, yesterday, tomorrow; a relative day "
        "with its weekday joins them with / (أمس (الأربعاء) → yesterday/wednesday); last, next or this before "
        "a month, weekday, week or year when written (يناير الماضي → last --01; الخميس المقبل → next "
        "thursday; العام المقبل → next year). Durations: ISO 8601 (أسبوعين → P2W, ثلاثة أيام → P3D, عامًا "
        "واحدًا → P1Y); a time ago is a duration too (قبل ثلاثة أشهر → P3M, text_ar keeps قبل, 'ago' in the "
        "description). "
        "A value carries no unit or currency (مليوني دينار → 2000000; the unit goes in description_en). "
        "One key fact per written expression, a repeated date included. text_ar is the whole expression as "
        "written, with its qualifier, counted noun or unit and part of the day (نحو ثلاثة آلاف شاحنة، صباح "
        "الجمعة، يوم الخميس المقبل، اليوم (الخميس)), without a leading في، خلال، منذ، لمدة or an attached ل "
        "(لأكثر من يومين → أكثر من يومين). Not key facts: ordinals, digits inside names (القناة 12), frequencies "
        "(يوميًا; a count that comes "
        "with one is: آلاف المسافرين يوميًا → thousands, 'daily' in the description), and vague times "
        "(قريبًا، حتى الآن، خلال الأسابيع المقبلة، فصل الصيف).",
    ),
    Rule(
        "statements",
        "Statements and evidence",
        "A statement says the claim in the brief's own words, in both languages. It may begin with its source "
        "and cue (Maariv reported that …), and must when the stance is distancing or endorsing or the status is "
        "denied (… claimed that …; … revealed that …; … denied that …). It keeps its status (an "
        "expected event stays expected, a denial is worded as the source's denial of the content: «نفت الوزارة أن "
        "يكون الإغلاق موجهًا ضد التجار» / 'The ministry denied that the closure was aimed at traders', never the "
        "content alone nor its bare negation; a stated wish keeps its verb ('do not want to'); a pretext is worded "
        "as a pretext: 'on the "
        "pretext of …', and the action's own claim leaves the pretext out), its qualifiers, and every number and "
        "date as written. It may resolve a reference the article makes clear (هذه الزيارة → Dermer's visit) and "
        "adds nothing else. Evidence quotes the content; the cue may be inside the quoted span.",
    ),
    Rule(
        "entities",
        "Entities and roles",
        "One entity per referent the story names: people, officials, bodies, countries, outlets, places, groups "
        "and named events. role_en is, in English, the title or office the article gives the entity (Syrian "
        "foreign minister; US envoy); when it gives none, the entity's part in this story in a few words (venue "
        "of the meeting; carried out the strikes; the outlet the source spoke to); null only for an entity that is "
        "merely named, with no part of its own. A country written only as an adjective (الليبية) is an entity "
        "when it acts in the story. For an official named by office, whose name already is the "
        "title, role_en is its part in the story. It states nothing the article does not. A name that refers through "
        "the story (اتحاد التجار في المدينة، نظيره الليبي) is kept as written in name_ar and resolved only in "
        "name_en.",
    ),
    Rule(
        "summary",
        "Headline and summary",
        "The headline is one sentence about the lead development, with its status kept (expected stays "
        "expected) and its source when it rests on one. The summary has 3 to 6 bullets in each language, "
        "translated one to one, most important first: one bullet per distinct development. When there are "
        "more than 6, merge claims about the same event (its time, place, participants, sponsor, purpose) "
        "into one bullet, then the background into one bullet; never merge claims of different status into "
        "a sentence that changes either status. Keep attribution, hedges, qualifiers; add no year.",
    ),
    Rule(
        "nulls",
        "Null, never omitted",
        "Every field is always written. A field that does not apply is null: the source's name_ar (narration "
        "only), via_ar and via_en (no medium named), cue_ar and stance (narration only), role_en (rule "
        "'Entities and roles'). Lists may be empty.",
    ),
)

RULES_BY_KEY: dict[str, Rule] = {rule.key: rule for rule in RULES}

# The value grammar of rule `values`, as patterns (checked on every key fact).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAYS = ("today", "yesterday", "tomorrow")
VAGUE_MAGNITUDES = ("dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "millions")
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_RELATIVE = "(?:" + "|".join(RELATIVE_DAYS) + ")"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_DATE_CORE = (
    rf"(?:\d{{4}}-{_MONTH}-{_DAY}|\d{{4}}-{_MONTH}|\d{{4}}|--{_MONTH}-{_DAY}|--{_MONTH}"
    rf"|{_WEEKDAY}|{_RELATIVE}(?:/{_WEEKDAY})?|(?:last|next|this) (?:--{_MONTH}|week|month|year|{_WEEKDAY}))"
)
VALUE_PATTERNS: dict[FactKind, re.Pattern[str]] = {
    FactKind.NUMBER: re.compile(r"(?:\d+(?:\.\d+)?%?|" + "|".join(VAGUE_MAGNITUDES) + ")"),
    FactKind.DATE: re.compile(_DATE_CORE),
    FactKind.DURATION: re.compile(
        r"P(?:(?:\d+(?:\.\d+)?[YMWD])+(?:T(?:\d+(?:\.\d+)?[HMS])+)?|T(?:\d+(?:\.\d+)?[HMS])+)"
    ),
}
_VALUE_HINTS = {
    FactKind.NUMBER: "Western digits without separators (1200, 12%) or one of " + ", ".join(VAGUE_MAGNITUDES),
    FactKind.DATE: (
        "--MM-DD for a day and month without a year (--07-13), --MM for a month, YYYY-MM-DD only with a "
        "written year, a lowercase weekday (friday), today/yesterday/tomorrow (today/thursday with its "
        "weekday), or last/next/this before --MM, week, month, year"
    ),
    FactKind.DURATION: "ISO 8601: P1W, P3D, P2M, P1Y, PT5H",
}


def value_problem(kind: FactKind, value: str) -> str | None:
    """Why `value` is not a normalized value of its kind (an instruction), or None."""
    if VALUE_PATTERNS[kind].fullmatch(value):
        return None
    return f"key fact value {value!r} is not a normalized {kind.value}: write {_VALUE_HINTS[kind]}"


_define()


def definition(value: StrEnum) -> str:
    """The one-line definition of a label value."""
    return DEFINITIONS[(type(value), value.value)]


def described(values: tuple[StrEnum, ...] | type[StrEnum], *, intro: str = "") -> str:
    """A field description naming the values; their definitions are in the instructions and guidelines."""
    members = tuple(values)
    names = " | ".join(v.value for v in members)
    return (intro + " " if intro else "") + f"One of: {names} (each defined in the instructions)."


# The label lists as the guidelines and the prompt show them.
LABEL_LISTS: tuple[tuple[str, str, tuple[StrEnum, ...]], ...] = (
    ("status", "Status — what the source presents the content as", STATUS_ORDER),
    ("stance", "Stance — what the cue word says about the article's commitment", tuple(Stance)),
    ("channel", "Channel — how the source's words reached the article", CHANNEL_ORDER),
    ("type", "Type — sources and entities", tuple(ActorType)),
    ("kind", "Key-fact kind", tuple(FactKind)),
    ("qualifier", "Qualifier", tuple(Qualifier)),
)


def labels_markdown() -> str:
    """The label lists as Markdown (the generated block of `evals/GUIDELINES.md`)."""
    lines: list[str] = []
    for _, title, values in LABEL_LISTS:
        lines.append(f"**{title}**")
        lines.append("")
        lines.extend(f"- `{v.value}` — {definition(v)}" for v in values)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown() -> str:
    """The rules as Markdown (the second generated block of `evals/GUIDELINES.md`)."""
    return "\n".join(f"- **{r.title}** (`{r.key}`). {r.text}" for r in RULES) + "\n"


def labels_text() -> str:
    """Plain text: each enum with its values and one-line definitions."""
    lines = [f"Annotation scheme {SCHEME_VERSION}: labels"]
    for name, title, values in LABEL_LISTS:
        lines.append("")
        lines.append(f"{name}: {title}")
        lines.extend(f"  {v.value}: {definition(v)}" for v in values)
    return "\n".join(lines) + "\n"


GENERATED = {"labels": labels_markdown, "rules": rules_markdown}
BEGIN = "<!-- generated from summarizer/labels.py: {name} (python -m summarizer.labels --write) -->"
END = "<!-- end of generated {name} -->"


def render_blocks(text: str) -> str:
    """`text` with every generated block replaced by a fresh rendering."""
    for name, render in GENERATED.items():
        begin, end = BEGIN.format(name=name), END.format(name=name)
        head, found, rest = text.partition(begin)
        if not found:
            raise ValueError(f"no generated block {name!r} in the guidelines")
        _, found_end, tail = rest.partition(end)
        if not found_end:
            raise ValueError(f"generated block {name!r} is not closed")
        text = f"{head}{begin}\n{render()}{end}{tail}"
    return text


def guidelines_path() -> Path:
    """Where the annotation guidelines live (`evals/GUIDELINES.md`)."""
    from .resources import data_dir

    return data_dir("evals") / "GUIDELINES.md"


def main(argv: list[str] | None = None) -> int:
    """`python -m summarizer.labels`: rewrite the guidelines' generated blocks, or print the label text."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        path = guidelines_path()
        path.write_text(render_blocks(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"rewrote the generated blocks of {path.name}")
        return 0
    if args == ["--text"]:
        sys.stdout.write(labels_text())
        return 0
    print("usage: python -m summarizer.labels --write | --text", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
