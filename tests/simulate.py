"""Simulated respondents for banks v3 and v4: an honest population and six kinds of fakers.

Run ``python -m tests.simulate`` (from the worktree root, ``PYTHONPATH=$PWD``; ``--bank 3`` or
``--bank 4``, default the newest released bank) for the figures the methodology page cites: the
consistency notice's false alarms on honest people (overall and per background) and its catch
rate per faker kind, each level's share, per form. Every command quoted below for a bank v3
figure needs ``--bank 3`` now that v4 is the newest bank; it gives exactly those figures. The
unit tests in tests/unit/engine/test_simulation.py run the same harness on a few hundred people.
For the decision on issue 19 point 4, ``--payoff`` measures what faking gains against an honest
twin and ``--length`` what a longer full form would catch (sections below;
tests/unit/engine/test_simulation_payoff.py).

The model is an assumption, not a measurement: every figure it produces holds for this model
only. Its parameters are the module constants below; they are chosen to be plausible for
self-report research (leniency and acquiescence of a few tenths of a scale step, about one in
ten extreme responders, situational judgement and knowledge that rise with the trait), not
fitted to data — no data exist yet. With them, on bank v3's full form, honest people's self view
averages 61 and the mean of their situation and knowledge views 58 (starters 51 and 47, changers
60 and 55, experienced 73 and 72): honest people describe themselves about as their evidence
shows, a little better on average, and the spread between people does the rest.

Honest population
-----------------
- Backgrounds: starters, changers and experienced people in equal shares (BACKGROUND_SHARES).
- Traits: one latent trait per demand, standard normal around the background's mean
  (TRAIT_MEAN: starter −0.7, changer −0.2, experienced +0.5), correlated across demands with
  TRAIT_CORRELATION = 0.4 (one general factor: θ_d = √ρ·g + √(1−ρ)·e_d).
- Self-report (statements, on the five-point scale): the keyed response is
  3 + SELF_INTERCEPT + SELF_LOADING·θ_d + leniency + ε, with the person's leniency
  ~ N(LENIENCY_MEAN, LENIENCY_SD) and item noise ε ~ N(0, ITEM_NOISE_SD). Acquiescence
  ~ N(ACQUIESCENCE_MEAN, ACQUIESCENCE_SD) is added to the *agreement* whatever the keying (so
  it raises plus-keyed and lowers minus-keyed statements' keyed values). A share EXTREME_SHARE of
  people are extreme responders: their agreement's distance from the midpoint is stretched by
  EXTREME_STRETCH. Rounded to 1–5.
- "Can't judge yet" on a statement that presumes experience: with probability UNSURE_BY_BACKGROUND
  (starter 0.6, changer 0.15, experienced 0.02).
- Unlikely virtues: agreement 3 + VIRTUE_OFFSET + leniency + acquiescence + ε (mostly 1–3).
- Trade-offs: 3 + STYLE_SPREAD·style_d + ε, with a style per demand ~ N(0, 1).
- Situational judgement: option k is chosen with probability ∝ exp(β·score_k + STYLE_PULL·style_d
  ·pole_k), β = max(0, SJT_BASE + SJT_SLOPE·θ_d) and pole_k = +1 (pole b), −1 (pole a), 0 (none):
  a softmax on score × trait; a person far below average chooses at random.
- Knowledge: the person knows an item with probability logistic(KNOW_BASE + KNOW_SLOPE·θ_d +
  KNOW_BACKGROUND[background] − difficulty_i), difficulty_i ~ N(0, KNOW_DIFFICULTY_SD) fixed per
  item id; knowing gives the key. Not knowing: "can't say" with the person's propensity
  ~ U(UNSURE_PROPENSITY), else a uniform guess among the four options.
- Language: German with probability GERMAN_SHARE, else English (the cue rule reads it).
- Setting: uniform over the four profiles.

Bank v4's statements (rules 4): what looks desirable, and frequency answers
---------------------------------------------------------------------------
Bank v4 keeps v3's situations and knowledge items and rewrites the statements; some are marked
``wording = "trap"`` (the answer that looks good scores lower) or ``"balanced"`` (both answers are
respectable), some ask ``scale = "frequency"`` (never / once / 2–3 times / more often; "keine
Gelegenheit" is the UNSURE value). Faking in this model is a push toward the answer that *looks*
desirable, so each statement has an apparent direction in keyed terms (`apparent`): +1 (every
statement of v3, and v4's plain ones: the key's), −1 (a trap: against the key), 0 (balanced: none).

- Honest leniency is the same social desirability at a small scale, so it follows the apparent
  direction too: the keyed self-report is 3 + SELF_INTERCEPT + SELF_LOADING·θ_d + apparent·
  leniency + ε. SELF_INTERCEPT (the statement's location) and acquiescence (agreement whatever
  the content) do not depend on the wording. On bank v3 apparent = +1 everywhere, so its draws and
  figures are exactly those of before (``--bank 3``; the v3 figures in this docstring hold).
- Fakers push toward the apparent pole: smart, cue-rule and self-enhancing fakers answer a
  trap at its look-good end (the keyed low end), the moderate faker lifts it MODERATE_LIFT steps
  *down* the key. The naive faker agrees fully with everything (the top of either scale), as
  before: it reads neither keying nor wording.
- On a balanced statement there is no apparent desirable answer, so there is **no push**
  (BALANCED_COIN = 0): fakers answer it as they honestly would, and honest leniency is 0 there.
  Why not a coin per person: a balanced statement is one whose two answers a reviewer found
  equally respectable (its `wording_note`), so a person trying to look good has nothing to move
  toward; a coin that sends a faker to one pole of every balanced statement is a response style
  about agreeing, which the model already has (acquiescence, the naive faker), and its size could
  only be guessed. ``--set BALANCED_COIN=1`` measures the alternative (one coin per person:
  agree or disagree at the pole on every balanced statement).
- Frequency statements (`frequency_answer`): the honest answer is a count. The person had
  1 + Poisson(OCCASIONS[background] − 1) occasions in the twelve months (starter 2, changer 3,
  experienced 4 on average: opportunity rises with time in IT roles) and acted in the keyed way on
  each with the share (keyed − 1) / 4 of the same keyed self-report as above (trait, leniency in
  the apparent direction, item noise; a moderate faker's lift included, clipped to 0–1); a
  minus-keyed statement counts the other way. The count is answered as never (0), once (1),
  2–3 times (2–3) or more often (4+). "Keine Gelegenheit" with the background's
  UNSURE_BY_BACKGROUND where the statement `presumes` experience, as "Kann ich (noch) nicht
  einschätzen" on an agreement statement. Acquiescence and extreme responding belong to an
  agreement scale and do not touch counts. The model does *not* assume that counts are harder
  to inflate (no data): the lift acts on the same latent share, and only few occasions limit it.
  Pole fakers answer "more often" (or "never") at the apparent pole. Until the engine names the
  frequency answers (assessment.bank.models.FREQUENCY_VALUES: 1–4, scored evenly onto 1–5)
  they are 1, 2, 4, 5 of the agreement scale and score like agreement (`frequency_responses`).

Fakers (drawn from the same population, then answering to look good)
--------------------------------------------------------------------
- naive: "trifft voll zu" (5) on every statement and unlikely virtue, whatever the keying; the
  honest answers elsewhere.
- smart: the desirable pole on every statement (5 plus-keyed, 1 minus-keyed; bank v4: the
  apparent one, honest on balanced statements), modest on the unlikely virtues (2), the longest
  option of every scenario (in the person's language); knowledge guessed, never "can't say".
- moderate: the keyed self-report MODERATE_LIFT (1.5) steps above the honest value (bank v4: in
  the apparent direction, so down on a trap and not at all on a balanced statement); otherwise
  honest.
- cue_rule: statements as the smart faker; on scenarios an option the naive verb rule matches
  (asks, consults, checks first or escalates: check-bank's word lists where the bank has them,
  else CUE_WORDS; ties and no match at random); knowledge guessed.
- coached_retake: honest first; then, after the result showed the rationales, the best option of
  every scenario and the key of every knowledge item, each changed answer marked in
  ``Answers.revised``.
- self_enhancer: honest situational judgement and knowledge, the self-report at the ceiling
  (desirable pole on every statement), honest on the unlikely virtues.

Targeted extra questions (``--extra K``, rules 3)
-------------------------------------------------
Each honest person's short form is scored; for its borderline and provisional demands the engine
offers k items each (`assessment.engine.extra.offer_extra`, no cap on the total), which the same
person answers honestly (the full form's answers with fresh item noise); a demand counts as
resolved when its band is then firm (below, within or above). ``--extra-naive`` offers the items
in the full form's order instead (the baseline). Measured on bank v3 of 5 December 2026, seed
2026, 2,000 honest people (``python -m tests.simulate --extra 4 --honest 2000``; the baseline
``--extra 3 --extra-naive --honest 2000``)::

    k  items/person  resolved  per item  "keine klare Aussage" before → after
    1           8.4    12.9 %     0.129   75.6 % → 64.2 %   (full form's order: 6.8 %, 71.8 %)
    2          16.8    18.3 %     0.092   75.6 % → 55.8 %   (full form's order: 8.5 %, 70.2 %)
    3          25.1    19.9 %     0.066   75.6 % → 54.7 %   (full form's order: 15.0 %, 62.8 %)
    4          33.5    21.4 %     0.054   75.6 % → 54.0 %

The default is k = 2 (`EXTRA_PER_DEMAND`): the second item per demand still resolves 5.4 points
more and makes 8.4 points fewer results unclear; the third adds 1.6 and 1.1 for another eight
items, the knee of the curve. Choosing by expected uncertainty resolves about twice as many as
the full form's order for the same number of items. Most unfirm verdicts stay unfirm: a short-form
demand's standard error is about 15 points (median 14, a 95 % interval of about ±29), and a few
more answers narrow it by a fraction only; a demand near its band edge stays near it — the
extra questions make "keine klare Aussage" rarer, not rare. tests/unit/engine/
test_simulation_extra.py asserts a substantial share on 120 people.

Everything is seeded: the same seed gives the same people and answers (``random.Random`` seeded
with a string, which does not depend on PYTHONHASHSEED).

Moderate fakers: why 90 % is out of reach in this model (issue 19 point 3)
---------------------------------------------------------------------------
``python -m tests.simulate --candidates --honest 3000 --fakers 400`` measures rules that read only
what a faker cannot fake: the gap between the self view and the evidence overall and per demand,
the demands whose verdict moved to the evidence with the self view above it, the self view's
residual over the honest people's least-squares line on the evidence (overall, and per stated
background), that residual plus the share of "can't say" on the knowledge questions or the mean
of the unlikely virtues, and Fisher's linear discriminant between honest people and moderate
fakers on all of these together — the best any linear rule on them can do, fitted knowing which
faker to expect (an upper bound, not a rule to ship). Each rule is fitted on seed 2027 and
measured on seed 2026, its threshold per form the lowest whose false alarms stay a point inside
the limits (≤ 1 % overall, ≤ 3 % for starters); worst form (bank v3 of 5 December 2026):

    rule                                   false alarms   caught: naive smart moderate cue self_enh.
                                           all  starters
    engine: self >= 90 and gap >= 20       1.0 %  0.5 %     0 %  100 %  39.5 %  100 %  91.2 %
    gap overall (no ceiling)               1.0 %  1.6 %     0 %   84 %  26.8 %   76 %  62.5 %
    gap per demand, mean                   1.0 %  1.9 %     0 %  100 %  33.0 %  100 %  70.8 %
    demands on evidence with self above    0.5 %  0.5 %     0 %   95 %  16.5 %   96 %  64.8 %
    self over the honest line on evidence  1.0 %  1.6 %     0 %   93 %  38.0 %   93 %  79.0 %
    same, line per stated background       1.0 %  1.7 %     0 %   93 %  41.8 %   93 %  78.2 %
    residual + 20 x can't-say share        1.0 %  1.8 %     0 %   61 %  25.5 %   49 %  62.3 %
    residual + 10 x virtues                1.0 %  1.4 %   4.8 %   76 %  22.5 %   73 %  62.5 %
    discriminant vs moderate (bound)       1.0 %  1.0 %     0 %  100 %  54.5 %  100 %  92.8 %
    discriminant, at the limits themselves 2.0 %  1.7 %     0 %  100 %  65.2 %  100 %  95.5 %

(coached retakes: 0 % by every rule; their evidence is perfect, the retake marks say it.) No rule
meets the false-alarm limits and catches 90 % of moderate fakers; none beats the engine's rule by
more than the sampling error (about 2.5 points on 400 fakers) without losing smart fakers or
self-enhancers, so the engine keeps it. The reason is the model itself: a moderate faker is an
honest person whose statements are lifted 1.5 steps and who answers everything else honestly, so
the only trace is the self view's distance above what their situations and knowledge predict.
Among honest people that residual spreads with an SD of 13.5 points (short form) / 11.3 (full),
from leniency (SD 0.35 steps ≈ 9 points) and the evidence's own measurement error; the lift moves
it by 26.8 points on average (less than 1.5 × 25 = 37.5 because answers clip at "trifft voll
zu"): 2.0 / 2.4 SD. Catching 90 % at 2 % false alarms needs about 3.3 SD (z 2.05 + 1.28). The
"can't say" share and the virtues carry no signal about a moderate faker (both answered honestly)
and add the starters' honest "can't say" as noise. More situations and knowledge questions do
not close the gap either (``--length`` below: 2.75 SD with perfect evidence); only a narrower
honest leniency or evidence of another kind (a Fremdbild, not modelled) could;
tests/unit/engine/test_simulation.py keeps the strict xfail that says so.

Does faking pay? Honest twins (``--payoff``)
--------------------------------------------
The notice is one defence; the scoring rules are the other (a demand's score drops the self view
where it disagrees with the evidence beyond 1.96 joint standard errors; a band edge within the 95 %
interval reads "an der Grenze"). ``--payoff`` measures what faking gains against both. Each faker
gets an **honest twin** (`honest_twin`): the same person — traits, leniency, acquiescence, style —
with the same item noise, answering honestly (the faker's own honest draws, before any faking).
Both are scored by the engine in each of the four settings (the answers' chosen setting set to
each; a setting's own knowledge items count as the engine counts them). Per kind, form and
setting: the share of fakers whose overall verdict is better than their twin's, and worse
(ranked deutliche Lücken < keine klare Aussage < passt teilweise < passt weitgehend; Erfahrungsfeld
and "not enough answers" unranked); the demands per person whose band rose or fell (below <
an der Grenze = vorläufig < met), those lifted into "met", and those moved from a firm "below" to
"vorläufig"; where each improved demand stands on the faker's **evidence alone** (the statements
left out, scored by the engine, the band by position with z = 1.96, however few the answers:
met / open / below); how many of them the result names as resting mainly on self-description
(Result.self_carried, only when the notice fires); and the share whose verdict is better without
the consistency notice, and with nothing on the result at all (no quality notice, no retake marks).
The control row "honest" compares honest people with themselves (zero by construction).
Measured on bank v3 of 5 December 2026, seed 2026, the fakers of the main run (``python -m
tests.simulate --payoff --fakers 600``: 600 per kind and form, × 4 settings = 2,400 results; the
per-setting and per-demand tables are printed too)::

                          verdict %    strong %   demands/person  improved, on the    better %
                          better worse faker twin   up  met vorl.  evidence alone %  no     un-
    kind           form                                           met open below named notice marked
    naive          short   3.9  19.5   0.0  1.9  0.61 0.09 0.00   14   27    60    0    3.9   0.0
    naive          full    7.0  20.0   0.0  2.5  0.88 0.01 0.01    1   45    54    0    7.0   0.0
    smart          short  11.0  14.9   0.0  1.7  3.48 2.81 0.61   18   73     9    0    0.0   0.0
    smart          full   11.8  20.5   0.0  2.3  2.92 2.27 0.08    6   94     0    1    0.0   0.0
    moderate       short  23.9   0.8   3.3  1.2  2.43 1.57 0.65   14   58    28    1   14.2  14.2
    moderate       full   22.2   1.4   4.3  1.8  2.04 1.52 0.13   16   78     7    1    9.5   9.3
    cue_rule       short  14.8  11.6   0.5  1.6  3.72 2.95 0.72   18   75     7    0    0.1   0.1
    cue_rule       full   15.1  12.8   1.0  1.8  2.87 1.97 0.17   12   87     1    2    0.0   0.0
    coached_retake short  48.0   0.2  21.0  2.6  3.81 2.94 0.77   78   23     0    0   48.0   0.0
    coached_retake full   96.0   0.0  73.1  2.8  6.97 6.70 0.26  100    0     0    0   96.0   0.0
    self_enhancer  short  32.7   0.4   6.2  2.8  3.73 2.78 0.95   12   67    21    0    3.4   3.4
    self_enhancer  full   27.9   1.2   6.2  2.7  2.69 2.13 0.27   14   81     5    1    2.5   2.5

What it means. (1) The rules hold where they promise to: no faker of any kind has a demand
lifted into "met" while its own evidence alone is firmly below the range (tests/unit/engine/
test_simulation_payoff.py asserts it; it follows from the disagreement rule and the 1.96 band
edge). (2) They do not neutralise moderate faking: about one moderate faker in four gets a better
overall verdict than their twin (1.5 demands more met per person; "passt weitgehend" 3–4 % against
1–2 %), and for 14 % (short) / 9 % (full) of all moderate fakers the better verdict carries no
notice at all. The lifted demands are mostly ones whose evidence alone is at the range's edge
("open"): there the views agree within their uncertainty, the self view counts by the documented
rule, and a lifted self view firms the verdict up. Result.self_carried names almost none of them
(≤ 1 %): by its definition it names demands whose evidence is *below* the range, which the 1.96
rules already keep from "met". (3) Blatant faking does not pay: smart, cue-rule and naive fakers
get a worse verdict about as often as a better one (the self view far above the evidence is
dropped, and a whole form answered at the desirable pole trips other notices), and a better verdict
without any notice is ≤ 0.1 % (naive fakers: always the unlikely-virtues notice). Self-enhancers
gain often (28–33 %) but almost always visibly (2.5–3.4 % unmarked). A coached retake gains most
(96 % on the full form), always with the retake marks. (4) One rule effect is worth a look for a
later rules version: where the self view is dropped and the evidence alone rests on fewer than
`min_firm_answers` (4) answers — every short-form demand, and the full form's demands without
knowledge items — a firm "below" becomes "vorläufig" (half credit): 0.65 demands per moderate faker
and 0.95 per self-enhancer in the short form ("vorl."), none of them named.

What would catch them: a longer form (``--length``)
---------------------------------------------------
How many more situations and knowledge questions per demand would the full form need for the
notice to catch 90 % of moderate fakers at ≤ 2 % false alarms (≤ 4 % for starters)? The
assumptions, each chosen so that the curve errs on the hopeful side:

- **Added items are the bank's own, copied** (`added_items`): m per demand, the demand's own
  full-form situations and knowledge questions in turn (each demand keeps its mix; learning,
  resilience, courage and motivation, which have no knowledge questions, get situations only). A
  situation copy has the copied one's options, ratings and poles; a knowledge copy draws a
  difficulty of its own from N(0, KNOW_DIFFICULTY_SD). Items as good as the bank's, no better.
- **Answered by the same model, independently given the person** (local independence): real items
  of one demand share wording, content and method beyond the trait, so real added items would
  narrow the evidence less than these do.
- **Fakers answer them as they answer the bank's own** (`added_answer`): moderate fakers and
  self-enhancers honestly, smart fakers the longest option and a guess, cue-rule fakers the cue.
- **The statements stay as they are**: the self view's own measurement error is already small (60
  statements); what the added items shrink is the evidence's.
- **The notice reads the overall views exactly as the engine does** (at +0 the curve is the
  engine's notice, person by person: tests/unit/engine/test_simulation_payoff.py). Four rules on
  them: the released thresholds; the (ceiling, gap) pair re-chosen at each length on a 5-point grid
  for the most moderate fakers caught; the self view's distance above the honest people's
  least-squares line on the evidence; and Fisher's best line on (self, evidence) against moderate
  fakers (an upper bound: it knows which faker to expect). Thresholds and lines are chosen on seed
  2027 at the false-alarm limits themselves and measured on seed 2026, so the last three land a
  little above the limits out of sample (up to 3.0 % / 5.0 %): their catch rates are optimistic.
- **The limit** is each person's expected evidence (the mean of their answers to endlessly many
  copies), computed from the model: the softmax's expected rating per situation, the chance of
  knowing (and of a lucky guess) integrated over the difficulty distribution (Gauss–Hermite).

Measured on bank v3 of 5 December 2026, seed 2026 (fitted on 2027), 3,000 honest people and 400
per faker kind (``python -m tests.simulate --length --honest 3000 --fakers 400``, about 30
minutes on a shared machine; SD: honest people's spread around their line on the evidence, in
points; shift: moderate fakers' mean distance above it; sep.: shift / SD; 90 % at 2 % needs about
3.3)::

    added   SD  shift sep. | moderate fakers caught, % (false alarms all / starters, %)
                           | released 90/20    re-chosen            over the line     best line
       +0 11.3  26.8 2.38 | 43.5 (0.7/0.5)  66.2 50/25 (2.7/4.6)  69.2 (2.9/4.6)  78.2 (2.8/3.3)
       +2 11.2  26.9 2.40 | 42.2 (0.8/0.5)  64.0 50/25 (2.6/4.6)  70.2 (2.8/4.5)  77.0 (2.6/3.5)
       +4 11.0  26.8 2.45 | 44.0 (0.7/0.5)  66.8 80/20 (2.6/2.6)  69.2 (2.7/5.0)  80.0 (3.0/3.8)
       +8 10.6  26.9 2.54 | 42.5 (0.6/0.5)  64.8 80/20 (2.1/2.5)  72.0 (2.3/4.6)  80.2 (2.5/3.7)
      +16 10.3  27.1 2.63 | 40.5 (0.5/0.5)  63.2 80/20 (2.1/2.5)  73.5 (2.3/4.3)  82.2 (3.0/4.1)
      +32 10.1  27.0 2.67 | 42.0 (0.4/0.4)  64.8 80/20 (1.7/2.2)  72.8 (2.2/3.8)  82.8 (2.6/3.5)
    limit  9.8  27.0 2.75 | 41.8 (0.4/0.4)  64.8 80/20 (1.8/2.4)  76.2 (2.1/3.8)  83.5 (2.7/3.7)

Smart and cue-rule fakers stay caught (99–100 %) at every length, self-enhancers 87–98 %.
**No length gets there**: the curve is flat. Perfect evidence narrows the honest spread only from
11.3 to 9.8 points, because what remains is how people describe themselves — leniency (SD 0.35
steps, about 9 points of the self view), acquiescence and extreme responding — which lives in the
self-report alone and which no number of situations or knowledge questions can measure; the lift
stays 27 points (clipped at "trifft voll zu"): 2.75 SD at best, and the best line catches 84 %,
the released notice about 42 %, whatever the length. Sizing a bank v4 by test length alone will
not reach issue 19's 90 %; what would is less honest spread in the self-report itself (the
`--set LENIENCY_SD=…` sensitivity below) or evidence of another kind that the model does not
contain (a Fremdbild, a structured interview).

The conclusion hangs on the one assumption no data fix yet, the honest leniency spread. With
``--set LENIENCY_SD=0.2`` (instead of 0.35; ``--length --honest 1500 --fakers 300``, seed 2026)
the separation is 3.02 SD at +0, 3.30 at +8, 3.63 at +32 and 3.82 in the limit; the best line
catches 92 % already at +0 (out of sample 2.7 % false alarms) and 94–97 % from +8 on, the
self-over-the-line rule 87 % at +0 and 91 % from +16, a re-chosen gap-and-ceiling pair 83–89 %,
the released pair still 46 %. So the first thing a bank v4 needs is not length but a measured
leniency spread (a pilot with real respondents): below about 0.2 steps, 8–16 more evidence items
per demand and a re-fitted rule would come near 90 %; at 0.35, no length would.

Bank v4: measured (``--bank 4``)
--------------------------------
Bank v4 of 5 December 2026 (content4's reviewed statements: 14 traps, 9 balanced and 12 frequency
statements of 60; the short form's 36 statements 9, 9 and 10) with freq4's frequency scoring
(1–4 spread evenly over the scale), seed 2026, the model above unchanged (BALANCED_COIN = 0).
Honest people's self view averages 52 on the full form (v3: 61), 50 on the short one, against an
evidence of 58 as before: under the model, leniency now pushes 14 statements down the key and 9
not at all, so honest people describe themselves a little *below* their evidence. Smart,
cue-rule and self-enhancing fakers answer every trap at its look-good end: their self view is
63 (short) / 70 (full), not 100 as on v3; a moderate faker's lift up on the plain statements and
down on the traps nearly cancels (its self view 52 / 58, its honest twin's 50 / 52).

``python -m tests.simulate --bank 4 --sweep`` (6,000 honest people and 600 per faker kind, per
form; the scatter rows from 1,000 honest people and 150 per kind)::

                                  v3 (90/20)           v4 (90/20)     v4 best pair (60/20)
                                  short    full        short  full    worst form
    false alarms, all             0.9 %    0.7 %       0.0 %  0.0 %   0.6 %
    false alarms, starters        0.3 %    0.4 %       0.0 %  0.0 %   0.1 %
    caught: smart               100   %  100   %       0.0 %  0.0 %  19.0 %
            moderate             43.2 %   45.5 %       0.0 %  0.0 %   0.3 %
            cue rule             99.8 %  100   %       0.0 %  0.0 %  10.7 %
            self-enhancer        88.2 %   90.5 %       0.0 %  0.0 %  13.3 %
    scatter notice: honest        3.1 %    1.4 %      11.5 %  11.8 %
                    starters      3.5 %    1.4 %      10.4 %  12.7 %
                    smart         0   %    0   %     100   %  100   %
                    moderate      0   %    0.7 %      83.3 %   95.3 %

The consistency notice as built (self view at a ceiling and above the evidence) catches no one on
v4, and no pair of thresholds helps much: the traps keep every faker's self view far from any
ceiling (the best pair within the limits, 60/20, catches 19 % of smart fakers and 0.3 % of
moderate ones). With a coin per person on the balanced statements (``--set BALANCED_COIN=1``,
2,000 honest people and 300 per kind) the same: 0 % caught at 90/20, any notice for 11.5 % /
11.3 % of honest people, 100 % of smart and 88 % / 96 % of moderate fakers.

**Issue 19's targets on v4 with this notice: false alarms met (0 %); smart and moderate fakers
missed (0 %).** What does separate fakers on v4 is the traps themselves, and today
the scatter check reads them by accident: fakers' plain and trap statements pull apart within a
demand, so the scatter notice fires for every smart faker and 83 % / 95 % of moderate ones — but
also for 11.5 % / 11.8 % of honest people (v3: 3.1 % / 1.4 %; any notice on the 6,000: 12.7 % /
11.9 %), whose leniency pulls the same way at a small scale (and whose frequency answers spread
more than agreement). The scatter notice says the answers look random, which is not what it would
be catching; a rule of its own would have to say what it sees. A rule built for it,
``--candidates --bank 4 --honest 3000 --fakers 400`` (fitted on 2027, measured on 2026; worst
form; threshold a point inside the false-alarm limits)::

    rule                                   false alarms   caught: naive smart moderate cue self_enh.
                                           all  starters
    engine: self >= 90 and gap >= 20       0.0 %  0.0 %     0 %    0 %    0.0 %    0 %    0 %
    self over the honest line on evidence  1.0 %  0.4 %   0.2 %   23 %    0.2 %   15 %   11 %
    traps: plain minus trap statements     1.0 %  0.8 %     0 %  100 %   76.8 %  100 %  100 %
    scatter: spread within demands         1.0 %  1.8 %   100 %  100 %   44.8 %  100 %  100 %
    discriminant vs moderate (bound)       1.0 %  1.1 %     0 %  100 %   82.2 %  100 %  100 %
    discriminant, at the limits themselves 2.0 %  1.7 %     0 %  100 %   90.8 %  100 %  100 %

The trap gap (mean keyed points of the plain statements minus those of the traps) catches every
smart, cue-rule and self-enhancing faker and 77 % of moderate ones in the worse form within the
limits; the best linear bound 82 % (91 % at the limits themselves, where out of sample the false
alarms land a little above them; v3: 55 % / 65 %). It works in the model because the model says
fakers do not see through a trap — an assumption as strong as the traps' wording, and the one a
pilot should test first. Honest people's spread on it is their leniency twice over (plain up,
traps down), which is why it does not reach 90 % within the limits either.

Does faking pay on v4? ``python -m tests.simulate --bank 4 --payoff --fakers 600`` (2,400 results
per row; scored by rules 4 as built on 5 December 2026, before rules 4's own combine rule), against
v3's table above::

                          verdict better %   better, unmarked %   demands lifted into "met"
    kind           form      v3      v4          v3      v4            v3      v4
    moderate       short   23.9     7.5        14.2     1.6          1.57    0.40
    moderate       full    22.2     6.8         9.3     0.5          1.52    0.30
    self_enhancer  short   32.7    12.5         3.4     0.0          2.78    0.85
    self_enhancer  full    27.9     6.2         2.5     0.0          2.13    0.61
    smart          short   11.0    14.4         0.0     0.0          2.81    1.33
    smart          full    11.8     8.2         0.0     0.0          2.27    0.93
    cue_rule       short   14.8    13.5         0.1     0.0          2.95    0.28
    cue_rule       full    15.1     7.7         0.0     0.0          1.97    0.22
    coached_retake short   48.0    35.8         0.0     0.0          2.94    2.01
    coached_retake full    96.0    97.1         0.0     0.0          6.70    6.62

On v4 moderate faking pays far less: the lift on the plain statements is paid back on the traps,
so the self view hardly moves (a better verdict than the honest twin for 7–8 % instead of 22–24 %,
worse for 4–5 %; without any mark for 0.5–1.6 % instead of 9–14 %); self-enhancers gain far less
too. Pole fakers gain about as often as they lose, as on v3, now always with the scatter notice.
These figures hold for the model's assumption that fakers do not see through a trap.

Bank v4: the notice on the traps (rules 4)
------------------------------------------
The figures above are those of rules 4 before this notice. Rules 4 now add a consistency notice
read from the traps (assessment/engine/quality.py, ``look_good_answers``): the mean keyed points
(0–100) of the form's plain statements minus those of its traps (`quality.look_good_answers`, the
candidate "traps: plain minus trap statements" above), firing at ``LOOK_GOOD_GAP`` with at least 6
plain statements and 3 traps scored. `Outcome.notice` fires for either notice (the trap gap at
the engine's constant, read at the call), so the main table, the (ceiling, gap) sweep and the
methodology page's figures are the engine's notice as a whole; on rules 4 ``--sweep`` adds the trap
gap's own sweep (`look_good_sweep`; the self view's pair at the engine's constants) and recommends
its threshold as `best_thresholds` does (a multiple of 5, false alarms a point inside the limits,
then the most moderate fakers). ``python -m tests.simulate --bank 4 --sweep`` (seed 2026, 6,000
honest people and 600 per faker kind, per form; worst form in the sweep)::

    trap gap  false alarms    caught: naive smart moderate cue_rule coached self_enh.
              all  starters
       40     9.0 %  6.9 %     100 %  100 %   95.7 %    100 %    7.3 %   100 %
       45     5.1 %  3.8 %       0 %  100 %   91.0 %    100 %    4.7 %   100 %
       50     2.6 %  1.6 %       0 %  100 %   84.5 %    100 %    1.8 %   100 %
       55     1.1 %  0.8 %       0 %  100 %   75.7 %    100 %    0.7 %   100 %
     * 60     0.4 %  0.3 %       0 %  100 %   63.2 %    100 %    0.3 %   100 %
       65     0.2 %  0.1 %       0 %  100 %   49.7 %    100 %    0.2 %   100 %

At 60 (the engine's), per form (short / full): false alarms 0.4 % / 0.4 %, starters 0.2 % / 0.3 %;
smart, cue-rule and self-enhancing fakers 100 % / 100 %; moderate fakers 63.2 % / 80.2 % (starters
among them 48.3 % / 76.1 %: their "can't judge yet" leaves fewer statements to lift); naive fakers
0 % (they agree with every statement, plain and trap alike, and get the unlikely-virtues and
scatter notices instead); coached retakes 0.3 % / 0.3 % (the retake marks say it). On seed 2027
(the same run with ``--seed 2027``) the false alarms at 55 are 1.2 % / 1.3 % and at 60 0.4 % /
0.5 %: 55 would leave no point of slack on the full form. Issue 19's targets on v4: false alarms
met, smart fakers met, moderate fakers missed (63 % in the worse form; 90 % on both forms would
take a threshold of 45 and 5 % false alarms). Honest people's trap gap is their leniency twice
over (SD 0.35 steps ≈ 17.5 points of it): the same limit as on v3, now on a signal that does not
clip at "trifft voll zu".

The scatter check under rules 4 (RuleSet.scatter_centres_kinds) takes each statement less the
person's own mean for its kind (same wording and scale) before pooling within demands: a trap is
meant to sit apart from the plain statements of its demand, a balanced one by the person's
leniency, and a frequency answer is a count whose spread grows with few occasions. Measured on the
same run (the table's scatter column; v3 from ``--bank 3 --honest 6000 --fakers 150``)::

    scatter notice        v3 short  v3 full   v4 before       v4 centred (short / full)
    honest                  2.7 %    1.5 %    11.5 % / 11.8 %   2.8 % / 1.1 %
    honest starters         3.9 %    2.3 %    10.4 % / 12.7 %   2.6 % / 1.1 %

Leaving the traps out instead (the pool of plain and balanced statements) still gives 7.8 % /
6.6 % (starters 3.9 % / 12.3 %; 3,000 honest people): balanced statements and frequency answers
spread too. Naive fakers (every statement agreed with) still get the scatter notice (100 %), and
uniformly random answers still do (tests/unit/engine/test_look_good_v4.py).

Does faking pay with both changes? ``python -m tests.simulate --bank 4 --payoff --fakers 600``
(2,400 results per row; short / full): moderate fakers get a better verdict than their honest twin
for 9.5 % / 7.5 % (the table above before the changes: 7.5 % / 6.8 %) and one without any mark for
4.3 % / 1.9 % (before: 1.6 % / 0.5 %; v3: 14.2 % / 9.3 %). The rise is the scatter notice's: it no
longer fires for moderate fakers (83 % / 95 % before, 0–0.2 % now), whom it marked as answering at
random; the notice on the traps marks 63 % / 80 % of them for what it sees. Smart, cue-rule and
self-enhancing fakers: a better verdict for 13.4 / 9.8 %, 14.5 / 7.9 % and 13.3 / 9.2 %, never
unmarked; coached retakes 22.0 % / 97.5 % (before: 35.8 % / 97.1 %), always with the retake marks.
"""

from __future__ import annotations

import argparse
import importlib
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assessment.bank.load import load_bank
from assessment.bank.models import (
    EXPERIENCE_LEVELS,
    FORM_IDS,
    LIKERT_MAX,
    LIKERT_MIN,
    PROFILE_IDS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    Bank,
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.engine import quality
from assessment.engine.answers import Answers, extra_candidates
from assessment.engine.extra import offer_extra, unfirm_demands
from assessment.engine.matching import (
    BORDERLINE_CREDIT,
    CRITICAL_WEIGHT,
    PARTIAL_FIT_SHARE,
    STRONG_FIT_SHARE,
    UNCERTAIN_SHARE,
    ProfileMatch,
    band_v2,
)
from assessment.engine.quality import view_points
from assessment.engine.result import Result, build_result
from assessment.engine.scoring import item_value, mean_points, score_answers, value_table
from assessment.i18n import Language

# --- the honest population's parameters (see the module docstring) ------------------------------
# Traits are in standard deviations of the whole population; self-report parameters in steps of
# the five-point scale (keyed: + = the dimension's high end).
BACKGROUND_SHARES: dict[Experience, float] = {
    "starter": 1 / 3,
    "changer": 1 / 3,
    "experienced": 1 / 3,
}
TRAIT_MEAN: dict[Experience, float] = {"starter": -0.7, "changer": -0.2, "experienced": 0.5}
TRAIT_CORRELATION = 0.4  # between any two demands' traits (one general factor)
SELF_INTERCEPT = 0.2  # steps above the midpoint at trait 0, before leniency
SELF_LOADING = 0.8  # steps per trait SD
LENIENCY_MEAN = 0.4  # person-level, steps towards the keyed high end
LENIENCY_SD = 0.35
ACQUIESCENCE_MEAN = 0.15  # person-level, steps towards "trifft zu" whatever the keying
ACQUIESCENCE_SD = 0.25
ITEM_NOISE_SD = 0.7  # per answer, steps
EXTREME_SHARE = 0.1  # share of extreme responders
EXTREME_STRETCH = 1.6  # their distance from the midpoint, times
UNSURE_BY_BACKGROUND: dict[Experience, float] = {  # "can't judge yet" on presuming statements
    "starter": 0.6,
    "changer": 0.15,
    "experienced": 0.02,
}
VIRTUE_OFFSET = (
    -1.4
)  # unlikely virtues: agreement at the midpoint plus this, leniency, acquiescence
STYLE_SPREAD = 0.8  # trade-offs: steps per style SD
SJT_BASE = 0.5  # softmax slope on option score (0–3) at trait 0 …
SJT_SLOPE = 0.5  # … rising by this per trait SD (never below 0: random choice)
STYLE_PULL = 0.3  # softmax pull towards the option of one's own pole
KNOW_BASE = 0.0  # knowledge: logit of knowing at trait 0 …
KNOW_SLOPE = 0.8  # … per trait SD
KNOW_BACKGROUND: dict[Experience, float] = {"starter": -0.5, "changer": -0.3, "experienced": 0.5}
KNOW_DIFFICULTY_SD = 0.6  # item difficulties (logits), fixed per item id
UNSURE_PROPENSITY = (0.4, 0.9)  # range of a person's chance to say "can't say" when not knowing
GERMAN_SHARE = 0.75

# --- bank v4's statements (rules 4; see "Bank v4" in the module docstring) ------------------------
# A faker on a balanced statement: 0 = no push (answers it honestly), 1 = one coin per person
# decides whether they agree or disagree with every balanced statement at the pole (a sensitivity
# run, `--set BALANCED_COIN=1`). Set from first principles, not fitted: see the docstring.
BALANCED_COIN = 0
# Frequency statements ("how often in the last twelve months"): the occasions a person had, at
# least one and on average this many (1 + Poisson(mean − 1)), by background; on each the person
# acts in the keyed way with the share their honest keyed self-report gives on the 1–5 scale.
OCCASIONS: dict[Experience, float] = {"starter": 2.0, "changer": 3.0, "experienced": 4.0}
# The counts that open each frequency answer: never, once, 2–3 times, more often.
FREQUENCY_FROM = (0, 1, 2, 4)

# --- the fakers ----------------------------------------------------------------------------------
FakerKind = Literal["naive", "smart", "moderate", "cue_rule", "coached_retake", "self_enhancer"]
FAKER_KINDS: tuple[FakerKind, ...] = (
    "naive",
    "smart",
    "moderate",
    "cue_rule",
    "coached_retake",
    "self_enhancer",
)
# The yes-sayer (ux5 pass, finding 3: the agreement check, quality.agreement_style) answers
# every statement and unlikely virtue at the agreeing end ("trifft voll zu", "öfter") and the
# rest honestly. It is no faker and not in KINDS: the existing kinds' people, seeds and figures
# stay as they were; `respond(..., "yes_sayer", ...)` draws it on demand (tests, measures).
Kind = Literal["honest", FakerKind, "yes_sayer"]
KINDS: tuple[Kind, ...] = ("honest", *FAKER_KINDS)
MODERATE_LIFT = 1.5
SMART_VIRTUE = 2
# The naive verb rule: an option that asks, consults, checks first or escalates. The faker uses
# check-bank's own word lists (assessment/bank/evidence.py, rule ASKING_RULE) where the bank has
# them; until then these stems, matched at a word start, case-insensitive.
ASKING_RULE = "asks, consults, checks first or escalates"
CUE_WORDS: dict[Language, tuple[str, ...]] = {
    "de": (
        "frag",
        "rückfrag",
        "nachfrag",
        "erfrag",
        "bitte",
        "einhol",
        "abstimm",
        "berat",
        "besprech",
        "sprech",
        "rücksprache",
        "konsult",
        "einbezieh",
        "einbind",
        "beteilig",
        "prüf",
        "überprüf",
        "klär",
        "zuerst",
        "zunächst",
        "vorher",
        "eskalier",
        "meld",
        "vorleg",
        "vorgesetzt",
        "geschäftsführ",
        "bürgermeist",
        "chef",
        "vorstand",
    ),
    "en": (
        "ask",
        "consult",
        "discuss",
        "check",
        "verif",
        "review",
        "first",
        "clarif",
        "escalat",
        "involv",
        "seek",
        "confirm",
        "refer",
        "manager",
        "boss",
        "director",
        "board",
        "mayor",
        "superior",
    ),
}


@dataclass(frozen=True, slots=True)
class Person:
    """One simulated respondent's stable characteristics (the honest model's person level)."""

    index: int
    background: Experience
    language: Language
    profile: ProfileId
    traits: dict[str, float]
    styles: dict[str, float]
    leniency: float
    acquiescence: float
    extreme: bool
    unsure_propensity: float


def _rng(seed: int, *parts: object) -> random.Random:
    key = ":".join(str(part) for part in (seed, *parts))
    return random.Random(key)  # noqa: S311 - reproducible simulation, not cryptography


def draw_person(bank: Bank, seed: int, index: int, background: Experience | None = None) -> Person:
    """Return person number `index` of the seeded population (background drawn unless given)."""
    rng = _rng(seed, "person", index)
    drawn = rng.choices(
        EXPERIENCE_LEVELS, weights=[BACKGROUND_SHARES[b] for b in EXPERIENCE_LEVELS]
    )
    chosen = background or drawn[0]
    general = rng.gauss(0, 1)
    traits = {
        d: TRAIT_MEAN[chosen]
        + math.sqrt(TRAIT_CORRELATION) * general
        + math.sqrt(1 - TRAIT_CORRELATION) * rng.gauss(0, 1)
        for d in bank.dimension_ids
    }
    return Person(
        index=index,
        background=chosen,
        language="de" if rng.random() < GERMAN_SHARE else "en",
        profile=rng.choice(PROFILE_IDS),
        traits=traits,
        styles={d: rng.gauss(0, 1) for d in bank.dimension_ids},
        leniency=rng.gauss(LENIENCY_MEAN, LENIENCY_SD),
        acquiescence=rng.gauss(ACQUIESCENCE_MEAN, ACQUIESCENCE_SD),
        extreme=rng.random() < EXTREME_SHARE,
        unsure_propensity=rng.uniform(*UNSURE_PROPENSITY),
    )


def _five(agreement: float, extreme: bool) -> int:
    """Return a continuous agreement as a 1–5 answer (stretched for an extreme responder)."""
    if extreme:
        agreement = 3 + (agreement - 3) * EXTREME_STRETCH
    return max(LIKERT_MIN, min(LIKERT_MAX, math.floor(agreement + 0.5)))


def apparent(item: LikertItem) -> int:
    """Return the direction, in keyed terms, in which a statement's answer looks desirable: +1
    (the key's: every statement before rules 4), -1 (a trap: the answer that looks good scores
    lower) or 0 (balanced: both answers look respectable)."""
    return {None: 1, "trap": -1, "balanced": 0}[item.wording]


def keyed_self(person: Person, item: LikertItem, rng: random.Random) -> float:
    """Return the honest keyed self-report of a statement before acquiescence and rounding
    (leniency in the direction that looks desirable)."""
    trait = person.traits[item.dimension]
    noise = rng.gauss(0, ITEM_NOISE_SD)
    return 3 + SELF_INTERCEPT + SELF_LOADING * trait + person.leniency * apparent(item) + noise


def _agreement(item: LikertItem, keyed: float) -> float:
    return keyed if item.keying == "plus" else 6 - keyed


def _difficulty(item_id: str) -> float:
    return _rng(0, "difficulty", item_id).gauss(0, KNOW_DIFFICULTY_SD)


def _longest(scenario: Scenario, language: Language) -> str:
    return max(scenario.options, key=lambda option: len(option.text(language))).id


def cue_hits(text: str, language: Language) -> int:
    """Return how many words of a text start with one of the language's CUE_WORDS stems."""
    words = re.findall(r"\w+", text.lower())
    return sum(any(word.startswith(stem) for stem in CUE_WORDS[language]) for word in words)


def _check_bank_cues() -> Callable[[Scenario, str, Language], tuple[str, ...]] | None:
    """Return check-bank's cue matcher (assessment.bank.evidence.cue_options) where it exists."""
    try:
        evidence = importlib.import_module("assessment.bank.evidence")
    except ModuleNotFoundError:
        return None
    matcher = getattr(evidence, "cue_options", None)
    rules = getattr(evidence, "CUE_RULES", {})
    return matcher if callable(matcher) and ASKING_RULE in rules else None


def cue_matches(scenario: Scenario, language: Language) -> tuple[str, ...]:
    """Return the options the naive verb rule matches (check-bank's lists where present)."""
    matcher = _check_bank_cues()
    if matcher is not None:
        return tuple(matcher(scenario, ASKING_RULE, language))
    return tuple(o.id for o in scenario.options if cue_hits(o.text(language), language))


def cue_choice(scenario: Scenario, language: Language, rng: random.Random) -> str:
    """Return the option the cue-rule faker picks: one the rule matches (any when none does),
    ties at random."""
    matched = cue_matches(scenario, language) or SCENARIO_OPTION_IDS
    return rng.choice(sorted(matched))


def honest_answer(
    person: Person, item: Item, rng: random.Random, self_lift: float = 0.0
) -> int | str | None:
    """Return what the person answers honestly to one item (None: an item the model does not
    answer); `self_lift` steps are added to a statement in the direction that looks desirable
    (none on a balanced one) before rounding."""
    if isinstance(item, LikertItem):
        if item.presumes and rng.random() < UNSURE_BY_BACKGROUND[person.background]:
            return UNSURE
        keyed = keyed_self(person, item, rng) + self_lift * apparent(item)
        if item.scale == "frequency":
            return frequency_answer(person, item, keyed, rng)
        agreement = _agreement(item, keyed) + person.acquiescence
        return _five(agreement, person.extreme)
    if isinstance(item, ValidityItem):
        agreement = 3 + VIRTUE_OFFSET + person.leniency + person.acquiescence
        return _five(agreement + rng.gauss(0, ITEM_NOISE_SD), person.extreme)
    if isinstance(item, TradeoffItem):
        style = person.styles[item.dimension] * (1 if item.high == "b" else -1)
        return _five(3 + STYLE_SPREAD * style + rng.gauss(0, ITEM_NOISE_SD), False)
    if isinstance(item, Scenario):
        weights = option_weights(person, item)
        return rng.choices(SCENARIO_OPTION_IDS, weights=weights)[0]
    if isinstance(item, KnowledgeItem):
        if rng.random() < know_probability(person, item.dimension, _difficulty(item.id)):
            return item.key
        if rng.random() < person.unsure_propensity:
            return UNSURE
        return rng.choice(SCENARIO_OPTION_IDS)
    return None


def frequency_responses() -> tuple[int | str, ...]:
    """Return the answers of a frequency statement in order (never, once, 2–3 times, more
    often): the engine's where it names them (assessment.bank.models.FREQUENCY_VALUES), else
    the agreement scale's 1, 2, 4, 5, which score like agreement (ends at the ends)."""
    models = importlib.import_module("assessment.bank.models")
    named = getattr(models, "FREQUENCY_VALUES", None)
    return tuple(named) if named else (1, 2, 4, 5)


def _poisson(mean: float, rng: random.Random) -> int:
    """Return a Poisson draw (Knuth's method: small means only)."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def frequency_answer(
    person: Person, item: LikertItem, keyed: float, rng: random.Random
) -> int | str:
    """Return the honest answer to a frequency statement from the keyed self-report `keyed`
    (1–5, leniency and any lift included): the person had 1 + Poisson(OCCASIONS − 1) occasions
    and acted in the keyed way on each with the share (keyed − 1) / 4 (clipped); the count asked
    is that of the keyed way for a plus-keyed statement and of the other for a minus-keyed one.
    Acquiescence and extreme responding are ways of using an agreement scale, not counts."""
    share = min(1.0, max(0.0, (keyed - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN)))
    occasions = 1 + _poisson(OCCASIONS[person.background] - 1, rng)
    count = sum(rng.random() < share for _ in range(occasions))
    if item.keying == "minus":
        count = occasions - count
    category = max(i for i, start in enumerate(FREQUENCY_FROM) if count >= start)
    return frequency_responses()[category]


def option_weights(person: Person, scenario: Scenario) -> list[float]:
    """Return the unnormalised softmax weights of a scenario's options for the person."""
    beta = max(0.0, SJT_BASE + SJT_SLOPE * person.traits[scenario.dimension])
    style = person.styles[scenario.dimension]
    return [
        math.exp(beta * option.score + STYLE_PULL * style * {"a": -1, "b": 1, None: 0}[option.pole])
        for option in scenario.options
    ]


def know_probability(person: Person, dimension: str, difficulty: float) -> float:
    """Return the chance that the person knows a knowledge item of a demand and difficulty."""
    logit = (
        KNOW_BASE
        + KNOW_SLOPE * person.traits[dimension]
        + KNOW_BACKGROUND[person.background]
        - difficulty
    )
    return 1 / (1 + math.exp(-logit))


def honest_responses(
    person: Person, bank: Bank, form: FormId, rng: random.Random, self_lift: float = 0.0
) -> dict[str, int | str]:
    """Return what the person answers honestly to every item of a form; `self_lift` steps are
    added to every keyed statement before rounding (the moderate faker), drawing the same noise."""
    responses: dict[str, int | str] = {}
    for item in bank.form_items(form):
        answer = honest_answer(person, item, rng, self_lift)
        if answer is not None:
            responses[item.id] = answer
    return responses


def _guess_unsure(bank: Bank, responses: dict[str, int | str], rng: random.Random) -> None:
    """Replace "can't say" on knowledge items by a guess (a faker never admits not knowing)."""
    for item_id, value in responses.items():
        if value == UNSURE and isinstance(bank.item(item_id), KnowledgeItem):
            responses[item_id] = rng.choice(SCENARIO_OPTION_IDS)


def _pole(item: LikertItem, keyed_high: bool) -> int | str:
    """Return a statement's answer at the keyed high (or low) end of its scale."""
    agree = keyed_high == (item.keying == "plus")
    if item.scale == "frequency":
        ends = frequency_responses()
        return ends[-1] if agree else ends[0]
    return LIKERT_MAX if agree else LIKERT_MIN


def top_answer(item: LikertItem) -> int | str:
    """Return the most agreeing answer of a statement (the top of the frequency scale)."""
    return frequency_responses()[-1] if item.scale == "frequency" else LIKERT_MAX


def apparent_pole(item: LikertItem, coin: bool | None = None) -> int | str | None:
    """Return the answer at the pole that looks desirable (the key's, against it on a trap);
    on a balanced statement none (None), or with a person's coin (BALANCED_COIN) the agreeing
    (True) or disagreeing (False) end."""
    direction = apparent(item)
    if direction == 0:
        if coin is None:
            return None
        return _pole(item, keyed_high=coin == (item.keying == "plus"))
    return _pole(item, keyed_high=direction > 0)


def _coin(kind: FakerKind, person: Person, seed: int) -> bool | None:
    """Return a pole faker's coin for balanced statements (None: no push, BALANCED_COIN = 0)."""
    if not BALANCED_COIN:
        return None
    return _rng(seed, "balanced coin", kind, person.index).random() < 0.5


def faker_responses(
    kind: FakerKind,
    person: Person,
    bank: Bank,
    form: FormId,
    honest: random.Random,
    rng: random.Random,
    coin: bool | None = None,
) -> tuple[dict[str, int | str], tuple[str, ...]]:
    """Return a faker's answers to a form and the ids it revised after seeing the rationales.

    `honest` draws the person's honest answers (the same draws as for an honest person), `rng`
    what the faking adds (cue ties, guesses); `coin` the pole a pole faker takes on balanced
    statements (None: answered honestly).
    """
    lift = MODERATE_LIFT if kind == "moderate" else 0.0
    responses = honest_responses(person, bank, form, honest, self_lift=lift)
    revised: list[str] = []
    for item in bank.form_items(form):
        if kind == "naive" and isinstance(item, LikertItem):
            responses[item.id] = top_answer(item)
        elif kind == "naive" and isinstance(item, ValidityItem):
            responses[item.id] = LIKERT_MAX
        elif kind in ("smart", "cue_rule", "self_enhancer") and isinstance(item, LikertItem):
            desirable = apparent_pole(item, coin)
            if desirable is not None:
                responses[item.id] = desirable
        elif kind in ("smart", "cue_rule") and isinstance(item, ValidityItem):
            responses[item.id] = SMART_VIRTUE
        elif kind == "smart" and isinstance(item, Scenario):
            responses[item.id] = _longest(item, person.language)
        elif kind == "cue_rule" and isinstance(item, Scenario):
            responses[item.id] = cue_choice(item, person.language, rng)
        elif kind == "coached_retake" and isinstance(item, Scenario | KnowledgeItem):
            best = (
                max(item.options, key=lambda option: option.score).id
                if isinstance(item, Scenario)
                else item.key
            )
            if responses[item.id] != best:
                responses[item.id] = best
                revised.append(item.id)
    if kind in ("smart", "cue_rule"):
        _guess_unsure(bank, responses, rng)
    return responses, tuple(sorted(revised))


def respond(kind: Kind, person: Person, bank: Bank, form: FormId, seed: int) -> Answers:
    """Return the answers a person of a kind gives to one form (seeded by person and form)."""
    honest = _rng(seed, "answers", person.index, form)
    revised: tuple[str, ...] = ()
    if kind == "honest":
        responses = honest_responses(person, bank, form, honest)
    elif kind == "yes_sayer":
        responses = honest_responses(person, bank, form, honest)
        for item in bank.form_items(form):
            if isinstance(item, LikertItem):
                responses[item.id] = top_answer(item)
            elif isinstance(item, ValidityItem):
                responses[item.id] = LIKERT_MAX
    else:
        faking = _rng(seed, "faking", kind, person.index, form)
        coin = _coin(kind, person, seed)
        responses, revised = faker_responses(kind, person, bank, form, honest, faking, coin)
    return Answers(
        bank_version=bank.version,
        form=form,
        profile=person.profile,
        language=person.language,
        background=person.background,
        responses=responses,
        revised=revised,
    )


# --- the consistency notice's inputs -------------------------------------------------------------


def evidence_of(situation: float | None, knowledge: float | None) -> float | None:
    """Return the mean of the situation and knowledge views that exist (None: neither)."""
    present = [view for view in (situation, knowledge) if view is not None]
    return sum(present) / len(present) if present else None


def notice_fires(
    self_view: float | None, evidence: float | None, ceiling: float, gap: float
) -> bool:
    """Return whether the consistency notice fires at these thresholds, as
    assessment.engine.quality.self_above_evidence decides at its constants (the views come from
    its view_points; every simulated person answers every item, so its minimum counts hold)."""
    if self_view is None or evidence is None:
        return False
    return self_view >= ceiling and self_view - evidence >= gap


def look_good_fires(trap_gap: float | None, threshold: float | None = None) -> bool:
    """Return whether the consistency notice on the traps (rules 4) fires for a trap gap
    (quality.look_good_answers; None: no verdict) at a threshold (default: the engine's
    quality.LOOK_GOOD_GAP, read at the call so that a sweep or test may set it)."""
    limit = quality.LOOK_GOOD_GAP if threshold is None else threshold
    return trap_gap is not None and trap_gap >= limit


# --- running a population ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one simulated person got: the views, the engine's verdict and its notices."""

    kind: Kind
    form: FormId
    background: Experience
    profile: ProfileId
    self_view: float | None
    situation: float | None
    knowledge: float | None
    level: str
    flags: tuple[str, ...]
    engine_notice: bool
    revised: int
    broken_claims: tuple[str, ...]
    bands: tuple[str, ...]
    # Rules 4: the trap gap the notice on the traps reads (None: rules without it, or too few
    # statements of a kind answered).
    trap_gap: float | None = None

    @property
    def evidence(self) -> float | None:
        return evidence_of(self.situation, self.knowledge)

    def notice(self, ceiling: float, gap: float) -> bool:
        """Return whether the consistency notice fires: the self view at `ceiling` and `gap`
        above the evidence, or (rules 4) the trap gap at the engine's LOOK_GOOD_GAP."""
        fires = notice_fires(self.self_view, self.evidence, ceiling, gap)
        return fires or look_good_fires(self.trap_gap)


def broken_level_claims(match: ProfileMatch) -> tuple[str, ...]:
    """Return the claims of a match's level sentence that its numbers do not bear out (rules 3).

    - "passt weitgehend" (strong): the weighted share met (borderline and provisional demands
      half) is at least STRONG_FIT_SHARE, every weight-3 demand is within or above its band, and
      no demand is knocked out;
    - "passt teilweise" (partial): the share is at least PARTIAL_FIT_SHARE, no knock-out;
    - "deutliche Lücken" (gaps): some demand is firmly below its band or knocked out;
    - "nicht klar" (uncertain): borderline and provisional demands carry at least
      UNCERTAIN_SHARE of the scored weight, no knock-out;
    - every level: `open_heavy` names exactly the weight-3 demands not within or above.
    """
    scored = [m for m in match.dimensions if m.band not in ("unknown", "experience")]
    weight = sum(m.weight for m in scored)
    credit = {"within": 1.0, "above": 1.0, "borderline": BORDERLINE_CREDIT}
    credit["provisional"] = BORDERLINE_CREDIT
    share = sum(m.weight * credit.get(m.band, 0.0) for m in scored) / weight if weight else 0.0
    unsure = sum(m.weight for m in scored if m.band in ("borderline", "provisional"))
    heavy_open = tuple(
        m.dimension for m in match.dimensions if m.weight >= CRITICAL_WEIGHT and not m.met
    )
    claims = {
        "strong: share met": match.level != "strong" or share >= STRONG_FIT_SHARE,
        "strong: every weight-3 demand met": match.level != "strong" or not heavy_open,
        "strong/partial: no knock-out": match.level not in ("strong", "partial")
        or not match.knocked_out,
        "partial: share met": match.level != "partial" or share >= PARTIAL_FIT_SHARE,
        "gaps: a firm gap": match.level != "gaps"
        or bool(match.knocked_out)
        or any(m.band == "below" for m in scored),
        "uncertain: mostly open": match.level != "uncertain"
        or (unsure >= UNCERTAIN_SHARE * weight and not match.knocked_out),
        "open_heavy names the weight-3 demands not met": match.open_heavy == heavy_open,
    }
    return tuple(claim for claim, holds in claims.items() if not holds)


def outcome(kind: Kind, person: Person, bank: Bank, form: FormId, seed: int) -> Outcome:
    """Return one person's outcome: their answers scored by the engine."""
    answers = respond(kind, person, bank, form, seed)
    result = build_result(answers, bank)
    self_view, situation, knowledge = view_points(answers, bank)
    traps = quality.look_good_answers(answers, bank) if bank.rules.look_good_notice else None
    # The level sentences are checked against every setting, not only the person's own.
    broken = {
        claim
        for match in (result.match, *result.comparison.ranking)
        for claim in broken_level_claims(match)
    }
    return Outcome(
        kind=kind,
        form=form,
        background=person.background,
        profile=person.profile,
        self_view=self_view,
        situation=situation,
        knowledge=knowledge,
        level=result.match.level,
        flags=tuple(flag.kind for flag in result.quality),
        engine_notice=result.self_based,
        revised=len(answers.revised),
        broken_claims=tuple(sorted(broken)),
        bands=tuple(m.band for m in result.match.dimensions),
        trap_gap=None if traps is None else traps[0],
    )


def simulate(
    bank: Bank,
    honest: int,
    fakers: int,
    seed: int,
    forms: Sequence[FormId] = FORM_IDS,
    kinds: Sequence[Kind] = KINDS,
) -> list[Outcome]:
    """Return the outcomes of `honest` honest people and `fakers` people per faker kind, per form.

    Honest people and fakers are different people of the same population (fakers are numbered
    after the honest ones), so a faker's honest answers are those of a fresh person.
    """
    outcomes = []
    for form in forms:
        for kind_index, kind in enumerate(kinds):
            count = honest if kind == "honest" else fakers
            start = 0 if kind == "honest" else honest + kind_index * fakers
            for index in range(start, start + count):
                person = draw_person(bank, seed, index)
                outcomes.append(outcome(kind, person, bank, form, seed))
    return outcomes


def rate(outcomes: Iterable[Outcome], ceiling: float, gap: float) -> tuple[float, int]:
    """Return the share of outcomes for which the notice fires at these thresholds, and n."""
    chosen = list(outcomes)
    if not chosen:
        return 0.0, 0
    return sum(o.notice(ceiling, gap) for o in chosen) / len(chosen), len(chosen)


# The targets of issue 19 point 4.
MAX_FALSE_ALARMS = 0.02
MAX_FALSE_ALARMS_STARTERS = 0.04
MIN_CAUGHT = 0.90
MUST_CATCH: tuple[FakerKind, ...] = ("smart", "moderate")


@dataclass(frozen=True, slots=True)
class Operating:
    """The notice's rates at one pair of thresholds, worst over the forms."""

    ceiling: int
    gap: int
    false_alarms: float
    false_alarms_starters: float
    caught: dict[str, float]

    @property
    def meets_targets(self) -> bool:
        return (
            self.false_alarms <= MAX_FALSE_ALARMS
            and self.false_alarms_starters <= MAX_FALSE_ALARMS_STARTERS
            and all(self.caught[kind] >= MIN_CAUGHT for kind in MUST_CATCH)
        )


def _groups(outcomes: Sequence[Outcome]) -> dict[tuple[str, str, str], list[Outcome]]:
    """Return the outcomes by (form, kind, background), with background "all" for each kind."""
    groups: dict[tuple[str, str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.form, o.kind, o.background].append(o)
        groups[o.form, o.kind, "all"].append(o)
    return groups


def operating(
    outcomes: Sequence[Outcome],
    ceiling: int,
    gap: int,
    groups: dict[tuple[str, str, str], list[Outcome]] | None = None,
) -> Operating:
    """Return the notice's rates at thresholds: the worst form for each figure."""
    by = _groups(outcomes) if groups is None else groups
    forms = sorted({form for form, _, _ in by})

    def worst(kind: str, background: str, largest: bool) -> float:
        rates = [rate(by[form, kind, background], ceiling, gap)[0] for form in forms]
        return max(rates) if largest else min(rates)

    kinds = {kind for _, kind, _ in by}
    return Operating(
        ceiling=ceiling,
        gap=gap,
        false_alarms=worst("honest", "all", True),
        false_alarms_starters=worst("honest", "starter", True),
        caught={kind: worst(kind, "all", False) for kind in FAKER_KINDS if kind in kinds},
    )


def sweep(
    outcomes: Sequence[Outcome], ceilings: Iterable[int], gaps: Iterable[int]
) -> list[Operating]:
    """Return the operating figures over a grid of thresholds."""
    groups = _groups(outcomes)
    gap_list = list(gaps)
    return [operating(outcomes, ceiling, gap, groups) for ceiling in ceilings for gap in gap_list]


def _slack(point: Operating) -> float:
    """Return the smallest distance to a target, in shares (negative: a target missed)."""
    return min(
        MAX_FALSE_ALARMS - point.false_alarms,
        MAX_FALSE_ALARMS_STARTERS - point.false_alarms_starters,
        *(point.caught[kind] - MIN_CAUGHT for kind in MUST_CATCH),
    )


# The recommendation keeps the false alarms this far (in shares) below their limits: sampling
# error (a rate near 2 % on 6,000 honest people per form has a standard error of 0.2 points) and,
# mostly, the model's own uncertainty — with a wider leniency spread or more extreme responders
# (`--set LENIENCY_SD=0.5`, `--set EXTREME_SHARE=0.2`) false alarms rise by up to a point.
FALSE_ALARM_MARGIN = 0.01
# Thresholds are recommended on a grid of whole multiples of this (a finer grid fits the noise).
GRID_STEP = 5


def best_thresholds(points: Sequence[Operating]) -> Operating:
    """Return the pair to recommend, from the points on the GRID_STEP grid.

    Honest people come first: only pairs whose false alarms stay FALSE_ALARM_MARGIN below both
    limits qualify. Among them: the most MUST_CATCH kinds caught as the targets ask, then the
    most caught of the worse-caught MUST_CATCH kind, then the fewer false alarms. Whether it
    meets every target is `meets_targets`; without a qualifying pair, the one closest to them.
    """
    grid = [p for p in points if p.ceiling % GRID_STEP == 0 and p.gap % GRID_STEP == 0] or list(
        points
    )
    safe = [
        p
        for p in grid
        if p.false_alarms <= MAX_FALSE_ALARMS - FALSE_ALARM_MARGIN
        and p.false_alarms_starters <= MAX_FALSE_ALARMS_STARTERS - FALSE_ALARM_MARGIN
    ]
    if safe:
        return max(
            safe,
            key=lambda p: (
                sum(p.caught[kind] >= MIN_CAUGHT for kind in MUST_CATCH),
                min(p.caught[kind] for kind in MUST_CATCH),
                -p.false_alarms,
            ),
        )
    return max(grid, key=_slack)


def look_good_sweep(
    outcomes: Sequence[Outcome], thresholds: Iterable[int]
) -> list[tuple[int, Operating]]:
    """Return the consistency notice's rates (both rules, the self view's at the engine's
    constants) with the trap gap's threshold set to each of `thresholds` (rules 4)."""
    ceiling, gap = engine_thresholds()
    groups = _groups(outcomes)
    saved = quality.LOOK_GOOD_GAP
    points = []
    try:
        for threshold in thresholds:
            quality.LOOK_GOOD_GAP = threshold
            points.append((threshold, operating(outcomes, int(ceiling), int(gap), groups)))
    finally:
        quality.LOOK_GOOD_GAP = saved
    return points


def best_look_good(points: Sequence[tuple[int, Operating]]) -> tuple[int, Operating]:
    """Return the trap gap's threshold to recommend: as best_thresholds, among the GRID_STEP
    multiples whose false alarms stay FALSE_ALARM_MARGIN inside both limits, the one that catches
    the most of the worse-caught MUST_CATCH kind (the lowest; without one, the highest)."""
    grid = [(t, p) for t, p in points if t % GRID_STEP == 0] or list(points)
    safe = [
        (t, p)
        for t, p in grid
        if p.false_alarms <= MAX_FALSE_ALARMS - FALSE_ALARM_MARGIN
        and p.false_alarms_starters <= MAX_FALSE_ALARMS_STARTERS - FALSE_ALARM_MARGIN
    ]
    if not safe:
        return max(grid, key=lambda found: found[0])
    return max(safe, key=lambda f: (min(f[1].caught[k] for k in MUST_CATCH), -f[0]))


def print_look_good_sweep(points: Sequence[tuple[int, Operating]]) -> None:
    """Print the trap gap's sweep (worst of the two forms) and the recommended threshold."""
    print("\nThe notice on the traps: threshold sweep (worst of the two forms)")
    print("trap gap | false alarms: all  starters | caught: " + " ".join(FAKER_KINDS))
    for threshold, p in points:
        caught = " ".join(f"{_pct(p.caught[k]).strip():>7}" for k in FAKER_KINDS)
        print(
            f"{threshold:>8} | {_pct(p.false_alarms):>17} {_pct(p.false_alarms_starters):>9}"
            f" | {caught}"
        )
    threshold, best = best_look_good(points)
    caught = ", ".join(f"{k} {_pct(v).strip()}" for k, v in best.caught.items())
    print(
        f"\nRecommended: LOOK_GOOD_GAP = {threshold} (engine: {quality.LOOK_GOOD_GAP}):"
        f" false alarms {_pct(best.false_alarms).strip()} (starters"
        f" {_pct(best.false_alarms_starters).strip()}); caught {caught}"
    )


# --- the printed tables --------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{100 * value:5.1f} %"


def table(outcomes: Sequence[Outcome], ceiling: float, gap: float) -> str:
    """Return the notice's rate per kind, form and background, the top level's share per kind,
    and the levels' shares in the honest population, as plain-text tables."""
    lines = [
        f"Consistency notice at self >= {ceiling:g}"
        f" and self - mean(situation, knowledge) >= {gap:g}",
        "",
        f"{'kind':<15} {'form':<6} {'background':<12} {'n':>6} {'notice':>8} {'any notice':>11}"
        f" {'top level':>10} {'revised':>8} {'scatter':>8}",
    ]
    groups: dict[tuple[str, str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.kind, o.form, "all"].append(o)
        groups[o.kind, o.form, o.background].append(o)
    for kind in KINDS:
        for form in FORM_IDS:
            for background in ("all", *EXPERIENCE_LEVELS):
                chosen = groups.get((kind, form, background))
                if not chosen:
                    continue
                n = len(chosen)
                notice = sum(o.notice(ceiling, gap) for o in chosen) / n
                anything = sum(bool(o.flags) or o.notice(ceiling, gap) for o in chosen) / n
                top = sum(o.level == "strong" for o in chosen) / n
                revised = sum(o.revised > 0 for o in chosen) / n
                scattered = sum("scatter" in o.flags for o in chosen) / n
                lines.append(
                    f"{kind:<15} {form:<6} {background:<12} {n:>6} {_pct(notice):>8}"
                    f" {_pct(anything):>11} {_pct(top):>10} {_pct(revised):>8}"
                    f" {_pct(scattered):>8}"
                )
    lines += ["", "Levels in the honest population (own setting)", ""]
    levels = ("strong", "partial", "gaps", "uncertain", "experience", "insufficient")
    lines.append(f"{'form':<6} {'background':<12} " + " ".join(f"{lv:>12}" for lv in levels))
    for form in FORM_IDS:
        for background in ("all", *EXPERIENCE_LEVELS):
            chosen = groups.get(("honest", form, background))
            if not chosen:
                continue
            counts = Counter(o.level for o in chosen)
            lines.append(
                f"{form:<6} {background:<12} "
                + " ".join(f"{_pct(counts[lv] / len(chosen)):>12}" for lv in levels)
            )
    lines += ["", "Demands' bands in the honest population (own setting, share of all demands)", ""]
    kinds = ("within", "above", "borderline", "provisional", "below", "experience", "unknown")
    lines.append(f"{'form':<6} {'background':<12} " + " ".join(f"{b:>11}" for b in kinds))
    for form in FORM_IDS:
        for background in ("all", *EXPERIENCE_LEVELS):
            chosen = groups.get(("honest", form, background))
            if not chosen:
                continue
            bands = Counter(band for o in chosen for band in o.bands)
            total = sum(bands.values())
            lines.append(
                f"{form:<6} {background:<12} "
                + " ".join(f"{_pct(bands[b] / total):>11}" for b in kinds)
            )
    return "\n".join(lines)


def _override(assignment: str) -> None:
    """Set one model parameter of this module from NAME=VALUE (a number), for sensitivity runs."""
    name, _, value = assignment.partition("=")
    current = globals().get(name)
    if not name.isupper() or not isinstance(current, int | float) or isinstance(current, bool):
        raise SystemExit(f"--set: {name!r} is not a numeric model parameter of tests.simulate")
    globals()[name] = type(current)(float(value)) if isinstance(current, float) else int(value)


def print_sweep(points: Sequence[Operating], every: int = 5) -> None:
    """Print the sweep's grid at multiples of `every` (targets met marked *)."""
    print("\nThreshold sweep (worst of the two forms; * = every target met)")
    print("ceiling gap | false alarms: all  starters | caught: " + " ".join(FAKER_KINDS))
    for p in points:
        if p.ceiling % every or p.gap % every:
            continue
        caught = " ".join(f"{_pct(p.caught[k]).strip():>7}" for k in FAKER_KINDS)
        mark = "*" if p.meets_targets else " "
        print(
            f"{mark} {p.ceiling:>5} {p.gap:>3} | {_pct(p.false_alarms):>17} "
            f"{_pct(p.false_alarms_starters):>9} | {caught}"
        )


# --- targeted extra questions (rules with extra_questions) ---------------------------------------

FIRM_BANDS = ("below", "within", "above")


@dataclass(frozen=True)
class ExtraOutcome:
    """One honest short-form person's unfirm demands before and after k extra items per demand."""

    per_demand: int
    unfirm: int
    asked: int
    resolved: int
    uncertain_before: bool
    uncertain_after: bool


def naive_offer(
    answers: Answers, bank: Bank, match: ProfileMatch, per_demand: int, limit: int = 0
) -> dict[str, tuple[str, ...]]:
    """Return the first per_demand unanswered candidates of every unfirm demand in the full
    form's order (the baseline for the engine's choice by expected uncertainty)."""
    offer = {}
    for demand in unfirm_demands(match):
        ids = [
            item.id
            for item in extra_candidates(bank, answers.form)
            if item.dimension == demand
            and item.id not in answers.responses
            and (not isinstance(item, KnowledgeItem) or item.counts_for(answers.profile))
        ][:per_demand]
        if ids:
            offer[demand] = tuple(ids)
    return offer


def extra_outcomes(
    bank: Bank, honest: int, seed: int, per_demand: Sequence[int], naive: bool = False
) -> list[ExtraOutcome]:
    """Return, per honest person of the short form and per k in per_demand, what k extra items
    per borderline or provisional demand (no cap on the total) resolve: the person answers the
    offered items honestly (`honest_responses` on the full form, fresh item noise, same traits).
    naive: the items in the full form's order instead of the engine's choice."""
    choose = naive_offer if naive else offer_extra
    outcomes = []
    for index in range(honest):
        person = draw_person(bank, seed, index)
        answers = respond("honest", person, bank, "short", seed)
        before = build_result(answers, bank).match
        unfirm = unfirm_demands(before)
        full = honest_responses(person, bank, "full", _rng(seed, "extra", index))
        for k in per_demand:
            offer = choose(answers, bank, before, k, limit=10_000)
            asked = [i for ids in offer.values() for i in ids if i in full]
            extended = answers.model_copy(
                update={"responses": {**answers.responses, **{i: full[i] for i in asked}}}
            )
            after = {m.dimension: m.band for m in build_result(extended, bank).match.dimensions}
            outcomes.append(
                ExtraOutcome(
                    per_demand=k,
                    unfirm=len(unfirm),
                    asked=len(asked),
                    resolved=sum(after[d] in FIRM_BANDS for d in unfirm),
                    uncertain_before=before.level == "uncertain",
                    uncertain_after=build_result(extended, bank).match.level == "uncertain",
                )
            )
    return outcomes


def extra_table(outcomes: Sequence[ExtraOutcome]) -> str:
    """Return the resolution curve: per k, items asked, unfirm demands resolved (share and per
    item), and "keine klare Aussage" before and after."""
    lines = [
        "Extra questions, honest people, short form (per k items per unfirm demand):",
        "  k  items/person  resolved  per item  'keine klare Aussage' before → after",
    ]
    for k in sorted({o.per_demand for o in outcomes}):
        chosen = [o for o in outcomes if o.per_demand == k]
        unfirm = sum(o.unfirm for o in chosen)
        asked = sum(o.asked for o in chosen)
        resolved = sum(o.resolved for o in chosen)
        lines.append(
            f"  {k}  {asked / len(chosen):12.1f}  {_pct(resolved / max(1, unfirm))}"
            f"  {resolved / max(1, asked):8.3f}"
            f"  {_pct(sum(o.uncertain_before for o in chosen) / len(chosen))} →"
            f" {_pct(sum(o.uncertain_after for o in chosen) / len(chosen))}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.simulate", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--honest", type=int, default=6000, help="honest people per form")
    parser.add_argument("--fakers", type=int, default=600, help="people per faker kind and form")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sweep", action="store_true", help="also sweep the notice's thresholds")
    parser.add_argument(
        "--extra",
        type=int,
        default=0,
        metavar="K",
        help="only the extra questions' resolution curve, for 1..K items per unfirm demand",
    )
    parser.add_argument(
        "--extra-naive",
        action="store_true",
        help="with --extra: offer items in the full form's order (the baseline)",
    )
    parser.add_argument(
        "--candidates",
        action="store_true",
        help="only measure the candidate rules for moderate fakers (issue 19 point 3)",
    )
    parser.add_argument(
        "--payoff",
        action="store_true",
        help="only whether faking pays: each faker against its honest twin (--fakers per kind)",
    )
    parser.add_argument(
        "--length",
        action="store_true",
        help="only the notice's detection power as the full form grows (more evidence items)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="change a model parameter (e.g. LENIENCY_SD=0.2) for a sensitivity run",
    )
    parser.add_argument(
        "--bank",
        type=int,
        default=None,
        metavar="N",
        help="the bank version (3 or later; default: the newest released bank)",
    )
    parser.add_argument(
        "--questions",
        type=Path,
        default=None,
        metavar="DIR",
        help="a questions folder holding the bank (e.g. another branch's, exported), not ours",
    )
    args = parser.parse_args(argv)
    for assignment in args.set:
        _override(assignment)
    bank = load_bank(args.bank) if args.questions is None else load_bank(args.bank, args.questions)
    if not bank.rules.views_apart:
        raise SystemExit(f"--bank {bank.version}: the model needs rules 3 or later (three views)")
    if args.candidates:
        print_candidates(bank, args.honest, args.fakers, args.seed)
        return 0
    started = time.monotonic()
    if args.payoff:
        payoffs = payoff_population(bank, args.fakers, args.seed, args.honest)
        print(
            f"Bank v{bank.version}, seed {args.seed}: {args.fakers} people per kind and form"
            f" (the fakers of --honest {args.honest}), {len(PROFILE_IDS)} settings each"
            f" ({time.monotonic() - started:.0f} s)\n"
        )
        print(payoff_table(payoffs))
        return 0
    if args.length:
        print_length(bank, args.honest, args.fakers, args.seed)
        print(f"\n({time.monotonic() - started:.0f} s)")
        return 0
    if args.extra:
        curve = extra_outcomes(
            bank, args.honest, args.seed, range(1, args.extra + 1), naive=args.extra_naive
        )
        print(
            f"Bank v{bank.version}, seed {args.seed}: {args.honest} honest people"
            f" ({time.monotonic() - started:.0f} s)\n"
        )
        print(extra_table(curve))
        return 0
    outcomes = simulate(bank, args.honest, args.fakers, args.seed)
    ceiling, gap = engine_thresholds()
    changed = f" (changed: {', '.join(args.set)})" if args.set else ""
    print(
        f"Bank v{bank.version}, seed {args.seed}{changed}: {args.honest} honest people and"
        f" {args.fakers} per faker kind, per form ({time.monotonic() - started:.0f} s)\n"
    )
    print(table(outcomes, ceiling, gap))
    broken = Counter(claim for o in outcomes for claim in o.broken_claims)
    print(
        f"\nLevel sentences against their numbers, every setting, {len(outcomes)} results:"
        f" {sum(bool(o.broken_claims) for o in outcomes)} with a claim not borne out"
        + "".join(f"\n  {claim}: {count}" for claim, count in sorted(broken.items()))
    )
    if args.sweep:
        points = sweep(outcomes, range(60, 101, GRID_STEP), range(0, 51, GRID_STEP))
        print_sweep(points)
        best = best_thresholds(points)
        verdict = "meets every target" if best.meets_targets else "best trade-off, targets missed"
        caught = ", ".join(f"{k} {_pct(v).strip()}" for k, v in best.caught.items())
        print(
            f"\nRecommended ({verdict}): SELF_CEILING = {best.ceiling}, SELF_GAP = {best.gap}:"
            f" false alarms {_pct(best.false_alarms).strip()} (starters"
            f" {_pct(best.false_alarms_starters).strip()}); caught {caught}"
        )
        if bank.rules.look_good_notice:
            print_look_good_sweep(look_good_sweep(outcomes, range(40, 76, GRID_STEP)))
    return 0


# --- candidate rules for the moderate faker (issue 19 point 3) ----------------------------------


@dataclass(frozen=True, slots=True)
class Features:
    """What a rule may read from one person's answers (nothing a faker could not also give)."""

    kind: Kind
    form: FormId
    background: Experience
    self_view: float | None
    evidence: float | None
    demand_gap: float | None  # mean over demands of self − mean(situation, knowledge)
    demands_above: int  # demands resting on the evidence with the self view above it
    cant_say: float  # share of "can't say" among the knowledge answers that count
    virtues: float  # mean agreement with the unlikely virtues (1–5)
    # Rules 4: the keyed points of the plain statements minus those of the traps (None: the form
    # has no trap; 0: none of one kind answered) — fakers pulled towards the look-good answer.
    trap_gap: float | None = None
    # The scatter check's input: the pooled spread of keyed statements within demands (None: too
    # few statements for the check, quality.SCATTER_MIN_ITEMS).
    spread: float | None = None


def features_of(kind: Kind, person: Person, bank: Bank, form: FormId, seed: int) -> Features:
    """Return the rule inputs of one simulated person (as the engine scores their answers)."""
    answers = respond(kind, person, bank, form, seed)
    scores = build_result(answers, bank).scores
    self_view, situation, knowledge = view_points(answers, bank)
    spread, counted = quality.pooled_spread(answers, bank)
    gaps = []
    above = 0
    for score in scores:
        views = {v.view: v.score for v in score.views if v.score is not None}
        evidence = [views[v] for v in ("situation", "knowledge") if v in views]
        if "self" in views and evidence:
            gap = views["self"] - sum(evidence) / len(evidence)
            gaps.append(gap)
            above += score.basis == "evidence" and gap > 0
    known = [
        answers.responses[item.id]
        for item in bank.form_items(form)
        if isinstance(item, KnowledgeItem)
        and item.id in answers.responses
        and item.counts_for(answers.profile)
    ]
    virtues = [
        int(answers.responses[item.id])
        for item in bank.form_items(form)
        if isinstance(item, ValidityItem) and isinstance(answers.responses.get(item.id), int)
    ]
    return Features(
        kind=kind,
        form=form,
        background=person.background,
        self_view=self_view,
        evidence=evidence_of(situation, knowledge),
        demand_gap=sum(gaps) / len(gaps) if gaps else None,
        demands_above=above,
        cant_say=sum(v == UNSURE for v in known) / len(known) if known else 0.0,
        virtues=sum(virtues) / len(virtues) if virtues else 0.0,
        trap_gap=trap_gap(answers, bank),
        spread=spread if counted >= quality.SCATTER_MIN_ITEMS else None,
    )


def trap_gap(answers: Answers, bank: Bank) -> float | None:
    """Return the mean keyed points (0–100) of a person's plain statements minus those of the
    traps (None: the form has no trap; 0.0: no scorable answer of one of the two kinds)."""
    statements = [i for i in bank.form_items(answers.form) if isinstance(i, LikertItem)]
    if not any(item.wording == "trap" for item in statements):
        return None
    points: dict[str | None, list[float]] = {None: [], "trap": []}
    for item in statements:
        value = answers.responses.get(item.id)
        if item.wording in points and value is not None and value != UNSURE:
            points[item.wording].append(mean_points(item_value(item, value)))
    plain, trap = points[None], points["trap"]
    if not plain or not trap:
        return 0.0
    return sum(plain) / len(plain) - sum(trap) / len(trap)


def population_features(
    bank: Bank, honest: int, fakers: int, seed: int, kinds: Sequence[Kind] = KINDS
) -> list[Features]:
    """Return the rule inputs of the population `simulate` draws (same people, same answers)."""
    found = []
    for form in FORM_IDS:
        for kind_index, kind in enumerate(KINDS):
            if kind not in kinds:
                continue
            count = honest if kind == "honest" else fakers
            start = 0 if kind == "honest" else honest + kind_index * fakers
            for index in range(start, start + count):
                found.append(features_of(kind, draw_person(bank, seed, index), bank, form, seed))
    return found


Score = Callable[[Features], float | None]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule: a score per person (None: no verdict) that fires at or above a threshold."""

    name: str
    score: Callable[[FormId], Score]  # given the form (a rule may be fitted per form)


def _residual(fit: Sequence[Features], by_background: bool = False) -> Callable[[FormId], Score]:
    """Return the self view's residual over its least-squares line on the evidence among the
    honest people of `fit` (per form, and per stated background if asked): how much higher
    someone describes themselves than honest people with the same situations and knowledge do."""
    lines: dict[tuple[str, str], tuple[float, float]] = {}
    for form in FORM_IDS:
        for background in ("all", *EXPERIENCE_LEVELS):
            pairs = [
                (f.evidence, f.self_view)
                for f in fit
                if f.kind == "honest" and f.form == form and background in ("all", f.background)
                if f.evidence is not None and f.self_view is not None
            ]
            mx = sum(x for x, _ in pairs) / len(pairs)
            my = sum(y for _, y in pairs) / len(pairs)
            slope = sum((x - mx) * (y - my) for x, y in pairs) / sum(
                (x - mx) ** 2 for x, _ in pairs
            )
            lines[form, background] = (my - slope * mx, slope)

    def for_form(form: FormId) -> Score:
        def score(f: Features) -> float | None:
            if f.self_view is None or f.evidence is None:
                return None
            intercept, slope = lines[form, f.background if by_background else "all"]
            return f.self_view - (intercept + slope * f.evidence)

        return score

    return for_form


def _discriminant(fit: Sequence[Features], against: Kind) -> Callable[[FormId], Score]:
    """Return Fisher's linear discriminant between honest people and one faker kind on every
    feature, fitted per form on `fit`: the best any linear rule on these inputs can do (an
    upper bound that knows which faker to expect, not a rule to ship)."""
    import numpy as np

    def vector(f: Features) -> list[float] | None:
        if f.self_view is None or f.evidence is None or f.demand_gap is None:
            return None
        found = [f.self_view, f.evidence, f.demand_gap, f.demands_above, f.cant_say, f.virtues]
        return found if f.trap_gap is None else [*found, f.trap_gap]

    weights: dict[str, object] = {}
    for form in FORM_IDS:
        a = np.array([v for f in fit if f.kind == "honest" and f.form == form if (v := vector(f))])
        b = np.array([v for f in fit if f.kind == against and f.form == form if (v := vector(f))])
        pooled = np.cov(a, rowvar=False) + np.cov(b, rowvar=False)
        weights[form] = np.linalg.solve(pooled + 1e-6 * np.eye(len(a[0])), b.mean(0) - a.mean(0))

    def for_form(form: FormId) -> Score:
        w = weights[form]
        return lambda f: None if (v := vector(f)) is None else float(np.dot(w, v))  # type: ignore[call-overload]

    return for_form


def candidate_rules(fit: Sequence[Features]) -> list[Candidate]:
    """Return the candidate rules measured for issue 19 point 3 (fitted parts on `fit`)."""
    ceiling, gap = engine_thresholds()

    def engine(form: FormId) -> Score:
        return lambda f: (
            1.0
            if f.self_view is not None
            and f.evidence is not None
            and f.self_view >= ceiling
            and f.self_view - f.evidence >= gap
            else 0.0
        )

    residual = _residual(fit)
    rules = [
        Candidate(f"engine: self >= {ceiling:g} and gap >= {gap:g}", engine),
        Candidate(
            "gap overall (no ceiling)",
            lambda form: (
                lambda f: (
                    None if f.self_view is None or f.evidence is None else f.self_view - f.evidence
                )
            ),
        ),
        Candidate("gap per demand, mean", lambda form: lambda f: f.demand_gap),
        Candidate(
            "demands on evidence with self above", lambda form: lambda f: float(f.demands_above)
        ),
        Candidate("self over the honest line on evidence", residual),
        Candidate("same, line per stated background", _residual(fit, by_background=True)),
        Candidate(
            "residual + 20 x can't-say share",
            lambda form: (
                lambda f: None if (r := residual(form)(f)) is None else r + 20 * f.cant_say
            ),
        ),
        Candidate(
            "residual + 10 x virtues",
            lambda form: lambda f: None if (r := residual(form)(f)) is None else r + 10 * f.virtues,
        ),
    ]
    if any(f.trap_gap is not None for f in fit):  # rules 4: traps (bank v4 on)
        rules += [
            Candidate("traps: plain minus trap statements", lambda form: lambda f: f.trap_gap),
            Candidate("scatter: spread within demands", lambda form: lambda f: f.spread),
            Candidate(
                "traps + residual",
                lambda form: (
                    lambda f: (
                        None
                        if (r := residual(form)(f)) is None or f.trap_gap is None
                        else r + f.trap_gap
                    )
                ),
            ),
        ]
    return [*rules, Candidate("discriminant vs moderate (bound)", _discriminant(fit, "moderate"))]


@dataclass(frozen=True, slots=True)
class Measured:
    """A candidate rule at the threshold that keeps its false alarms inside the limits."""

    name: str
    threshold: float
    false_alarms: float
    false_alarms_starters: float
    caught: dict[str, float]


def measure(
    candidate: Candidate, people: Sequence[Features], margin: float = FALSE_ALARM_MARGIN
) -> Measured:
    """Return a candidate's rates at the lowest threshold (per form) whose false alarms stay
    `margin` inside both limits on `people` (a person counts above it); worst form per figure."""
    by: dict[tuple[str, str, str], list[float | None]] = defaultdict(list)
    for form in FORM_IDS:
        score = candidate.score(form)
        for f in people:
            if f.form == form:
                value = score(f)
                by[form, f.kind, "all"].append(value)
                by[form, f.kind, f.background].append(value)

    def share(values: list[float | None], threshold: float) -> float:
        return sum(v is not None and v > threshold for v in values) / max(1, len(values))

    # A rule fires above its threshold; the candidates are the honest people's own values.
    thresholds: dict[str, float] = {}
    for form in FORM_IDS:
        values = [-math.inf, *sorted({v for v in by[form, "honest", "all"] if v is not None})]
        thresholds[form] = next(
            t
            for t in values
            if share(by[form, "honest", "all"], t) <= MAX_FALSE_ALARMS - margin
            and share(by[form, "honest", "starter"], t) <= MAX_FALSE_ALARMS_STARTERS - margin
        )

    def worst(kind: str, background: str, largest: bool) -> float:
        rates = [share(by[form, kind, background], thresholds[form]) for form in FORM_IDS]
        return max(rates) if largest else min(rates)

    return Measured(
        name=candidate.name,
        threshold=max(thresholds.values()),
        false_alarms=worst("honest", "all", True),
        false_alarms_starters=worst("honest", "starter", True),
        caught={kind: worst(kind, "all", False) for kind in FAKER_KINDS},
    )


def print_candidates(bank: Bank, honest: int, fakers: int, seed: int) -> list[Measured]:
    """Fit the candidates on one seed's population, measure them on another's, print the table."""
    fit = population_features(bank, honest, fakers, seed + 1)
    people = population_features(bank, honest, fakers, seed)
    candidates = candidate_rules(fit)
    measured = [measure(candidate, people) for candidate in candidates]
    bound = measure(candidates[-1], people, margin=0.0)
    measured.append(
        Measured(
            name="discriminant, at the limits themselves",
            threshold=bound.threshold,
            false_alarms=bound.false_alarms,
            false_alarms_starters=bound.false_alarms_starters,
            caught=bound.caught,
        )
    )
    print(
        "\nCandidate rules for the moderate faker (fitted on seed"
        f" {seed + 1}, measured on seed {seed}; threshold per form at false alarms a point inside"
        " the limits; worst form)"
    )
    print(f"{'rule':<42} {'FA all':>7} {'FA st.':>7} | " + " ".join(f"{k:>8}" for k in FAKER_KINDS))
    for m in measured:
        caught = " ".join(f"{_pct(m.caught[k]).strip():>8}" for k in FAKER_KINDS)
        print(
            f"{m.name:<42} {_pct(m.false_alarms).strip():>7}"
            f" {_pct(m.false_alarms_starters).strip():>7} | {caught}"
        )
    residual = _residual(fit)
    print("\nWhy: the self view's residual over the honest line on the evidence (points)")
    for form in FORM_IDS:
        score = residual(form)
        values = {
            kind: [
                v
                for f in people
                if f.kind == kind and f.form == form
                if (v := score(f)) is not None
            ]
            for kind in ("honest", "moderate")
        }
        spread = math.sqrt(sum(v * v for v in values["honest"]) / len(values["honest"]))
        shift = sum(values["moderate"]) / len(values["moderate"]) - sum(values["honest"]) / len(
            values["honest"]
        )
        print(
            f"{form:<6} honest SD {spread:5.1f}; moderate fakers' mean shift {shift:5.1f}"
            f" ({shift / spread:.2f} SD; 90 % caught at 2 % false alarms needs about 3.3 SD)"
        )
    return measured


def engine_thresholds() -> tuple[float, float]:
    """Return the engine's SELF_CEILING and SELF_GAP (assessment/engine/quality.py)."""
    return float(quality.SELF_CEILING), float(quality.SELF_GAP)


# --- does faking pay? honest twins (issue 19 point 4, the client's decision) --------------------

# The overall verdicts in the order a person hoping for the role would rank them: a firm gap is
# the worst, "keine klare Aussage" leaves everything open, "passt teilweise" and "passt
# weitgehend" are positive verdicts. Erfahrungsfeld and "not enough answers" are not ranked (a
# faker whose verdict or twin's is one of them counts as neither better nor worse).
LEVEL_RANK: dict[str, int] = {"gaps": 0, "uncertain": 1, "partial": 2, "strong": 3}
# A demand's band in the same sense: below, then open (an edge within the 95 % interval, or too
# few answers for a firm verdict), then met (within or above its target range).
BAND_RANK: dict[str, int] = {
    "below": 0,
    "borderline": 1,
    "provisional": 1,
    "within": 2,
    "above": 2,
}


def honest_twin(person: Person, bank: Bank, form: FormId, seed: int) -> Answers:
    """Return the honest twin's answers: the same person (traits, leniency, style) with the same
    item noise, answering honestly — what the faker would have answered without faking."""
    return respond("honest", person, bank, form, seed)


EvidenceAlone = Literal["met", "open", "below", "none"]


def evidence_alone(answers: Answers, bank: Bank) -> dict[str, EvidenceAlone]:
    """Return where each demand stands on the situations and knowledge alone (the statements
    left out, scored by the engine) against the chosen setting's range: met, open (its edge within
    the 95 % interval) or below — by position only, however few the answers (a short-form demand
    has two evidence answers, fewer than a firm verdict needs); none: no evidence view counts."""
    evidence = {
        item_id: value
        for item_id, value in answers.responses.items()
        if not isinstance(bank.item(item_id), LikertItem)
    }
    scores = score_answers(answers.model_copy(update={"responses": evidence}), bank)
    targets = bank.profiles[answers.profile].targets
    found: dict[str, EvidenceAlone] = {}
    for score in scores:
        band, _ = band_v2(score, targets[score.dimension], bank.rules.borderline_z, 0)
        found[score.dimension] = (
            "met"
            if band in ("within", "above")
            else "open"
            if band == "borderline"
            else "below"
            if band == "below"
            else "none"
        )
    return found


@dataclass(frozen=True, slots=True)
class Payoff:
    """A faker's result against its honest twin's in one setting (both scored by the engine)."""

    kind: Kind
    form: FormId
    setting: ProfileId
    background: Experience
    level: str
    twin_level: str
    improved: tuple[str, ...]  # demands whose band rose (BAND_RANK)
    worsened: tuple[str, ...]  # demands whose band fell
    lifted: tuple[str, ...]  # demands met by the faker, not by the twin
    to_provisional: tuple[str, ...]  # improved from "below" to "too few answers" (provisional)
    evidence: dict[str, EvidenceAlone]  # the improved demands on the faker's evidence alone
    named: tuple[str, ...]  # improved demands shown as resting mainly on self-description
    notice: bool  # the consistency notice fired (Result.self_based)
    marked: bool  # anything on the result says to read it with care: a quality notice or marks

    @property
    def better(self) -> bool:
        own, twin = LEVEL_RANK.get(self.level), LEVEL_RANK.get(self.twin_level)
        return own is not None and twin is not None and own > twin

    @property
    def worse(self) -> bool:
        own, twin = LEVEL_RANK.get(self.level), LEVEL_RANK.get(self.twin_level)
        return own is not None and twin is not None and own < twin

    def improved_on(self, standing: EvidenceAlone) -> int:
        """Return how many improved demands stand so on the faker's evidence alone."""
        return sum(self.evidence[d] == standing for d in self.improved)


def compare_with_twin(
    kind: Kind, faker: Result, twin: Result, background: Experience, bank: Bank
) -> Payoff:
    """Return what faking changed between a faker's result and its twin's (same setting)."""
    own = {m.dimension: m for m in faker.match.dimensions}
    other = {m.dimension: m for m in twin.match.dimensions}

    def moved(up: bool) -> tuple[str, ...]:
        found = []
        for dimension, match in own.items():
            a, b = BAND_RANK.get(match.band), BAND_RANK.get(other[dimension].band)
            if a is not None and b is not None and (a > b if up else a < b):
                found.append(dimension)
        return tuple(found)

    improved = moved(up=True)
    alone = evidence_alone(faker.answers, bank)
    return Payoff(
        kind=kind,
        form=faker.answers.form,
        setting=faker.answers.profile,
        background=background,
        level=faker.match.level,
        twin_level=twin.match.level,
        improved=improved,
        worsened=moved(up=False),
        lifted=tuple(d for d, m in own.items() if m.met and not other[d].met),
        to_provisional=tuple(
            d for d in improved if own[d].band == "provisional" and other[d].band == "below"
        ),
        evidence={d: alone[d] for d in improved},
        named=tuple(d for d in improved if d in faker.self_carried),
        notice=faker.self_based,
        marked=bool(faker.quality or faker.revised),
    )


def twin_payoffs(kind: Kind, person: Person, bank: Bank, form: FormId, seed: int) -> list[Payoff]:
    """Return a person's payoff from faking as `kind` in every setting (PROFILE_IDS): the same
    answers scored as if the person had chosen each setting."""
    faked = respond(kind, person, bank, form, seed)
    honest = honest_twin(person, bank, form, seed)
    found = []
    for setting in PROFILE_IDS:
        faker = build_result(faked.model_copy(update={"profile": setting}), bank)
        twin = build_result(honest.model_copy(update={"profile": setting}), bank)
        found.append(compare_with_twin(kind, faker, twin, person.background, bank))
    return found


def payoff_population(
    bank: Bank,
    fakers: int,
    seed: int,
    honest: int = 6000,
    forms: Sequence[FormId] = FORM_IDS,
    kinds: Sequence[Kind] = KINDS,
) -> list[Payoff]:
    """Return the payoffs of `fakers` people per kind and form, every setting each: the fakers of
    `simulate(bank, honest, fakers, seed)` (the same people and answers), and for the kind
    "honest" its first `fakers` honest people (their twins are themselves: the control)."""
    found = []
    for form in forms:
        for kind in kinds:
            start = 0 if kind == "honest" else honest + KINDS.index(kind) * fakers
            for index in range(start, start + fakers):
                person = draw_person(bank, seed, index)
                found.extend(twin_payoffs(kind, person, bank, form, seed))
    return found


def _share_of(values: Iterable[bool]) -> float:
    chosen = list(values)
    return sum(chosen) / len(chosen) if chosen else 0.0


def _mean_of(values: Iterable[float]) -> float:
    chosen = list(values)
    return sum(chosen) / len(chosen) if chosen else 0.0


def payoff_table(payoffs: Sequence[Payoff]) -> str:
    """Return the payoff tables: per kind and form (every setting pooled), per setting, and per
    demand (share of fakers with that demand lifted into "met")."""
    groups: dict[tuple[str, str, str], list[Payoff]] = defaultdict(list)
    for p in payoffs:
        groups[p.kind, p.form, "all"].append(p)
        groups[p.kind, p.form, p.setting].append(p)
    lines = [
        "Does faking pay? Each faker against its honest twin (same person, same item noise, honest"
        " answers), in every setting.",
        "better/worse: the overall verdict (deutliche Lücken < keine klare Aussage < passt"
        " teilweise < passt weitgehend); strong: 'passt weitgehend', faker / twin.",
        "Demands per person: up = band rose (below < an der Grenze, vorläufig < met), down = band"
        " fell, met = lifted into 'met', vorl. = from below to 'vorläufig'.",
        "Improved demands on the faker's own situations and knowledge alone: met / open (edge"
        " within the 95 % interval) / below; named = shown as resting",
        "mainly on self-description (Result.self_carried: the notice fired). Last: better verdict"
        " without the consistency notice, and with nothing on the result at all.",
        "",
        f"{'kind':<15} {'form':<6} {'n':>5} {'better':>7} {'worse':>7} {'strong f/t':>13}"
        f" | {'up':>5} {'down':>5} {'met':>5} {'vorl.':>5} | {'ev.met':>6} {'open':>6}"
        f" {'below':>6} {'named':>6} | {'no notice':>9} {'unmarked':>9}",
    ]
    for kind in KINDS:
        for form in FORM_IDS:
            chosen = groups.get((kind, form, "all"))
            if not chosen:
                continue
            improved = sum(len(p.improved) for p in chosen)

            def of_improved(count: int, total: int = improved) -> str:
                return f"{_pct(count / total).strip():>6}" if total else f"{'-':>6}"

            strong = (
                f"{_pct(_share_of(p.level == 'strong' for p in chosen)).strip()}/"
                f"{_pct(_share_of(p.twin_level == 'strong' for p in chosen)).strip()}"
            )
            lines.append(
                f"{kind:<15} {form:<6} {len(chosen):>5}"
                f" {_pct(_share_of(p.better for p in chosen)):>7}"
                f" {_pct(_share_of(p.worse for p in chosen)):>7} {strong:>13}"
                f" | {_mean_of(len(p.improved) for p in chosen):5.2f}"
                f" {_mean_of(len(p.worsened) for p in chosen):5.2f}"
                f" {_mean_of(len(p.lifted) for p in chosen):5.2f}"
                f" {_mean_of(len(p.to_provisional) for p in chosen):5.2f}"
                f" | {of_improved(sum(p.improved_on('met') for p in chosen))}"
                f" {of_improved(sum(p.improved_on('open') for p in chosen))}"
                f" {of_improved(sum(p.improved_on('below') for p in chosen))}"
                f" {of_improved(sum(len(p.named) for p in chosen))}"
                f" | {_pct(_share_of(p.better and not p.notice for p in chosen)):>9}"
                f" {_pct(_share_of(p.better and not p.marked for p in chosen)):>9}"
            )
    lines += [
        "",
        "Per setting: better verdict / demands lifted into 'met' per person / better without the"
        " consistency notice",
        f"{'kind':<15} {'form':<6} " + " ".join(f"{setting:>22}" for setting in PROFILE_IDS),
    ]
    for kind in FAKER_KINDS:
        for form in FORM_IDS:
            if not groups.get((kind, form, "all")):
                continue
            cells = []
            for setting in PROFILE_IDS:
                chosen = groups.get((kind, form, setting), [])
                cells.append(
                    f"{_pct(_share_of(p.better for p in chosen)).strip():>7}"
                    f" {_mean_of(len(p.lifted) for p in chosen):5.2f}"
                    f" {_pct(_share_of(p.better and not p.notice for p in chosen)).strip():>7}"
                )
            lines.append(f"{kind:<15} {form:<6} " + " ".join(f"{c:>22}" for c in cells))
    kinds = [k for k in FAKER_KINDS if any(p.kind == k for p in payoffs)]
    for form in FORM_IDS:
        chosen_form = [p for p in payoffs if p.form == form and p.kind in kinds]
        if not chosen_form:
            continue
        lines += [
            "",
            f"Per demand, {form} form: share of fakers (every setting) with the demand lifted into"
            " 'met'",
            f"{'demand':<15} " + " ".join(f"{k:>14}" for k in kinds),
        ]
        by_kind = {k: [p for p in chosen_form if p.kind == k] for k in kinds}
        demands = sorted(
            {d for p in chosen_form for d in p.evidence}
            | {d for p in chosen_form for d in p.lifted}
        )
        for demand in demands:
            cells = [_pct(_share_of(demand in p.lifted for p in by_kind[k])).strip() for k in kinds]
            lines.append(f"{demand:<15} " + " ".join(f"{c:>14}" for c in cells))
    return "\n".join(lines)


# --- what would catch them: the notice's power as the full form grows ---------------------------

# Added evidence items per demand on the full form; the last row of the table is the limit.
LENGTH_STEPS: tuple[int, ...] = (0, 2, 4, 8, 16, 32)
LENGTH_FORM: FormId = "full"
# The (ceiling, gap) grid the notice's thresholds are re-chosen on at each length.
LENGTH_CEILINGS = range(50, 101, 5)
LENGTH_GAPS = range(0, 51, 5)
Evidential = Scenario | KnowledgeItem


def evidence_pool(bank: Bank, form: FormId, dimension: str) -> tuple[Evidential, ...]:
    """Return a demand's situations and knowledge items in a form, in the form's order."""
    return tuple(
        item
        for item in bank.form_items_of(form, dimension)
        if isinstance(item, Scenario | KnowledgeItem)
    )


def added_items(bank: Bank, form: FormId, per_demand: int) -> dict[str, tuple[Evidential, ...]]:
    """Return `per_demand` new evidence items for every demand: copies of the demand's own
    situations and knowledge items of the form, in turn, each under a new id (so a knowledge
    copy draws a difficulty of its own from the model's distribution)."""
    added = {}
    for dimension in bank.dimension_ids:
        pool = evidence_pool(bank, form, dimension)
        added[dimension] = tuple(
            pool[j % len(pool)].model_copy(update={"id": f"{pool[j % len(pool)].id}+{j}"})
            for j in range(per_demand)
        )
    return added


def added_answer(
    kind: Kind, person: Person, item: Evidential, honest: random.Random, rng: random.Random
) -> int | str:
    """Return a person's answer of a kind to an added item, as the kind answers the bank's own
    (tests.simulate's model and faker_responses)."""
    if kind == "coached_retake":
        return (
            max(item.options, key=lambda o: o.score).id if isinstance(item, Scenario) else item.key
        )
    if isinstance(item, Scenario) and kind == "smart":
        return _longest(item, person.language)
    if isinstance(item, Scenario) and kind == "cue_rule":
        return cue_choice(item, person.language, rng)
    answer = honest_answer(person, item, honest)
    if answer == UNSURE and kind in ("smart", "cue_rule"):
        return rng.choice(SCENARIO_OPTION_IDS)
    assert answer is not None
    return answer


def evidence_points(item: Evidential, answer: int | str) -> float:
    """Return an evidence answer on 0–100 as the engine's views score it."""
    return mean_points(value_table(item)[answer])


def _hermite(points: int = 24) -> tuple[list[float], list[float]]:
    import numpy as np

    nodes, weights = np.polynomial.hermite_e.hermegauss(points)
    total = float(weights.sum())
    return [float(x) for x in nodes], [float(w) / total for w in weights]


def expected_points(kind: Kind, person: Person, item: Evidential) -> float:
    """Return the expected 0–100 value of a kind's answer to a copy of an item (a knowledge copy
    at a difficulty drawn from the model's distribution): the limit of many added items."""
    if isinstance(item, Scenario):
        values = [mean_points(item_value(item, o.id)) for o in item.options]
        if kind == "coached_retake":
            return max(values)
        if kind == "smart":
            return mean_points(item_value(item, _longest(item, person.language)))
        if kind == "cue_rule":
            matched = cue_matches(item, person.language) or SCENARIO_OPTION_IDS
            return sum(mean_points(item_value(item, o)) for o in matched) / len(matched)
        weights = option_weights(person, item)
        return sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)
    if kind == "coached_retake":
        return 100.0
    guess = 1.0 if kind in ("smart", "cue_rule") else 1 - person.unsure_propensity
    nodes, weights = _hermite()
    known = sum(
        w * know_probability(person, item.dimension, KNOW_DIFFICULTY_SD * x)
        for x, w in zip(nodes, weights, strict=True)
    )
    return 100 * (known + (1 - known) * guess / len(SCENARIO_OPTION_IDS))


@dataclass(frozen=True, slots=True)
class Lengthened:
    """One person's self view and evidence (the notice's inputs) at each added length."""

    kind: Kind
    background: Experience
    self_view: float | None
    evidence: tuple[float | None, ...]  # per LENGTH_STEPS, then the limit of many items


def lengthened(
    kind: Kind,
    person: Person,
    bank: Bank,
    seed: int,
    steps: Sequence[int] = LENGTH_STEPS,
    form: FormId = LENGTH_FORM,
) -> Lengthened:
    """Return the notice's inputs for a person of a kind when the form adds `steps` evidence
    items per demand (answered by the same model), and in the limit of many."""
    answers = respond(kind, person, bank, form, seed)
    self_view, _, _ = view_points(answers, bank)
    situation: list[float] = []
    knowledge: list[float] = []
    for item in bank.form_items(form):
        if isinstance(item, Scenario):
            situation.append(evidence_points(item, answers.responses[item.id]))
        elif isinstance(item, KnowledgeItem) and item.counts_for(answers.profile):
            knowledge.append(evidence_points(item, answers.responses[item.id]))
    honest = _rng(seed, "added", person.index)
    faking = _rng(seed, "added faking", kind, person.index)
    added = added_items(bank, form, max(steps))
    answered = {
        d: [(item, added_answer(kind, person, item, honest, faking)) for item in items]
        for d, items in added.items()
    }

    def views(per_demand: int) -> float | None:
        sit, know = list(situation), list(knowledge)
        for pairs in answered.values():
            for item, answer in pairs[:per_demand]:
                if isinstance(item, Scenario):
                    sit.append(evidence_points(item, answer))
                elif item.counts_for(answers.profile):
                    know.append(evidence_points(item, answer))
        return evidence_of(
            sum(sit) / len(sit) if sit else None, sum(know) / len(know) if know else None
        )

    # The limit: each demand's copies cycle through its pool, so each item of a pool of n
    # weighs 1/n in its view.
    limit: dict[str, list[float]] = {"situation": [0.0, 0.0], "knowledge": [0.0, 0.0]}
    for dimension in bank.dimension_ids:
        pool = evidence_pool(bank, form, dimension)
        for item in pool:
            if isinstance(item, KnowledgeItem) and not item.counts_for(answers.profile):
                continue
            view = limit["situation" if isinstance(item, Scenario) else "knowledge"]
            view[0] += expected_points(kind, person, item) / len(pool)
            view[1] += 1 / len(pool)
    limit_evidence = evidence_of(
        *(v[0] / v[1] if v[1] else None for v in (limit["situation"], limit["knowledge"]))
    )
    return Lengthened(
        kind=kind,
        background=person.background,
        self_view=self_view,
        evidence=(*(views(m) for m in steps), limit_evidence),
    )


def length_population(
    bank: Bank,
    honest: int,
    fakers: int,
    seed: int,
    kinds: Sequence[Kind] = KINDS,
    steps: Sequence[int] = LENGTH_STEPS,
) -> list[Lengthened]:
    """Return the lengthened inputs of the people `simulate` draws (same people, same answers)."""
    found = []
    for kind in kinds:
        count = honest if kind == "honest" else fakers
        start = 0 if kind == "honest" else honest + KINDS.index(kind) * fakers
        for index in range(start, start + count):
            found.append(lengthened(kind, draw_person(bank, seed, index), bank, seed, steps))
    return found


@dataclass(frozen=True, slots=True)
class LengthRow:
    """The notice's rates at one length: at the released thresholds, at thresholds re-chosen for
    that length, the self view over the honest line on the evidence, and the best line."""

    label: str
    spread: float  # the honest people's SD around their line on the evidence, points
    shift: float  # moderate fakers' mean distance above that line, points
    rules: dict[str, tuple[float, float, dict[str, float]]]  # name → FA, FA starters, caught

    @property
    def separation(self) -> float:
        """Moderate fakers' shift over the honest line, in honest SDs."""
        return self.shift / self.spread


def _fires(
    score: Callable[[Lengthened], float | None], threshold: float
) -> Callable[[Lengthened], bool]:
    return lambda p: (value := score(p)) is not None and value > threshold


def _rates(
    people: Sequence[Lengthened], fires: Callable[[Lengthened], bool]
) -> tuple[float, float, dict[str, float]]:
    by: dict[str, list[bool]] = defaultdict(list)
    for p in people:
        by[p.kind].append(fires(p))
        if p.kind == "honest" and p.background == "starter":
            by["starter"].append(fires(p))
    share = {k: _share_of(v) for k, v in by.items()}
    return (
        share.get("honest", 0.0),
        share.get("starter", 0.0),
        {k: share[k] for k in FAKER_KINDS if k in share},
    )


def _within_limits(rates: tuple[float, float, dict[str, float]]) -> bool:
    return rates[0] <= MAX_FALSE_ALARMS and rates[1] <= MAX_FALSE_ALARMS_STARTERS


def _lowest_threshold(
    fit: Sequence[Lengthened], score: Callable[[Lengthened], float | None]
) -> float:
    """Return the lowest threshold (among the honest people's own values) whose false alarms on
    `fit` stay within the limits themselves."""
    values = sorted({v for p in fit if p.kind == "honest" if (v := score(p)) is not None})
    return next(t for t in [-math.inf, *values] if _within_limits(_rates(fit, _fires(score, t))))


def length_rows(fit: Sequence[Lengthened], people: Sequence[Lengthened]) -> list[LengthRow]:
    """Return, per length, the notice's rates on `people` with everything chosen on `fit` (another
    seed): thresholds at the false-alarm limits themselves (≤ 2 %, starters ≤ 4 %)."""
    import numpy as np

    ceiling, gap = engine_thresholds()
    rows = []
    steps = len(fit[0].evidence)
    for step in range(steps):
        label = f"+{LENGTH_STEPS[step]}" if step < len(LENGTH_STEPS) else "limit"

        def pair(p: Lengthened, step: int = step) -> tuple[float, float] | None:
            e = p.evidence[step]
            return None if p.self_view is None or e is None else (p.self_view, e)

        def released(p: Lengthened, step: int = step) -> bool:
            return notice_fires(p.self_view, p.evidence[step], ceiling, gap)

        rules = {f"released {ceiling:g}/{gap:g}": _rates(people, released)}

        # Thresholds re-chosen on `fit`: the most moderate fakers caught within the limits.
        def grid(c: int, g: int, step: int = step) -> Callable[[Lengthened], bool]:
            return lambda one: notice_fires(one.self_view, one.evidence[step], c, g)

        best: tuple[float, int, int] | None = None
        for c in LENGTH_CEILINGS:
            for g in LENGTH_GAPS:
                rates = _rates(fit, grid(c, g))
                if _within_limits(rates) and (best is None or rates[2]["moderate"] > best[0]):
                    best = (rates[2]["moderate"], c, g)
        if best is not None:
            _, c, g = best
            rules[f"re-chosen {c}/{g}"] = _rates(people, grid(c, g))
        # The self view over the honest people's least-squares line on the evidence.
        xy = np.array([v for p in fit if p.kind == "honest" if (v := pair(p))])
        slope, intercept = np.polyfit(xy[:, 1], xy[:, 0], 1)

        def residual(
            p: Lengthened, a: float = float(intercept), b: float = float(slope), step: int = step
        ) -> float | None:
            v = pair(p, step)
            return None if v is None else v[0] - (a + b * v[1])

        threshold = _lowest_threshold(fit, residual)
        rules["self over the honest line"] = _rates(people, _fires(residual, threshold))
        # Fisher's discriminant on (self, evidence) against moderate fakers: the best line.
        honest_xy = xy
        faker_xy = np.array([v for p in fit if p.kind == "moderate" if (v := pair(p))])
        pooled = np.cov(honest_xy, rowvar=False) + np.cov(faker_xy, rowvar=False)
        w = np.linalg.solve(pooled, faker_xy.mean(0) - honest_xy.mean(0))

        def line(p: Lengthened, w: object = w, step: int = step) -> float | None:
            v = pair(p, step)
            return None if v is None else float(np.dot(w, v))  # type: ignore[call-overload]

        threshold = _lowest_threshold(fit, line)
        rules["best line (bound)"] = _rates(people, _fires(line, threshold))
        honest_res = [r for p in people if p.kind == "honest" if (r := residual(p)) is not None]
        moderate_res = [r for p in people if p.kind == "moderate" if (r := residual(p)) is not None]
        mean = _mean_of(honest_res)
        sd = math.sqrt(_mean_of((r - mean) ** 2 for r in honest_res))
        rows.append(
            LengthRow(label=label, spread=sd, shift=_mean_of(moderate_res) - mean, rules=rules)
        )
    return rows


def length_table(rows: Sequence[LengthRow]) -> str:
    """Return the detection-power curve as a plain-text table."""
    kinds = ("moderate", "smart", "self_enhancer", "cue_rule")
    lines = [
        f"Consistency notice on the {LENGTH_FORM} form with more situations and knowledge items"
        " per demand (copies of the demand's own, answered by the model);",
        "thresholds and lines chosen on seed+1 at the false-alarm limits themselves (2 %, starters"
        " 4 %), rates on seed; SD: honest people's spread around",
        "their line on the evidence (points); shift: moderate fakers' mean distance above it; sep.:"
        " shift / SD (90 % at 2 % needs about 3.3).",
        "",
        f"{'added':>6} {'SD':>5} {'shift':>5} {'sep.':>5}  {'rule':<26}"
        f" {'FA all':>7} {'FA st.':>7} | " + " ".join(f"{k:>13}" for k in kinds),
    ]
    for row in rows:
        for i, (name, (fa, fa_starters, caught)) in enumerate(row.rules.items()):
            head = (
                f"{row.label:>6} {row.spread:5.1f} {row.shift:5.1f} {row.separation:5.2f}"
                if i == 0
                else " " * 24
            )
            lines.append(
                f"{head}  {name:<26} {_pct(fa).strip():>7} {_pct(fa_starters).strip():>7} | "
                + " ".join(f"{_pct(caught.get(k, 0.0)).strip():>13}" for k in kinds)
            )
    return "\n".join(lines)


# The kinds the curve measures (the notice's targets and the cue rule; naive fakers are caught by
# the validity checks, coached retakes by the retake marks).
LENGTH_KINDS: tuple[Kind, ...] = ("honest", "moderate", "smart", "self_enhancer", "cue_rule")


def print_length(bank: Bank, honest: int, fakers: int, seed: int) -> list[LengthRow]:
    """Measure and print the detection-power curve (fitted on seed + 1, measured on seed)."""
    fit = length_population(bank, honest, fakers, seed + 1, LENGTH_KINDS)
    people = length_population(bank, honest, fakers, seed, LENGTH_KINDS)
    rows = length_rows(fit, people)
    print(
        f"Bank v{bank.version}, seed {seed} (fitted on {seed + 1}): {honest} honest people and"
        f" {fakers} per faker kind\n"
    )
    print(length_table(rows))
    return rows


if __name__ == "__main__":
    sys.exit(main())
