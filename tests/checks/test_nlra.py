"""US labour-law rules over whole documents: positives, negatives, and the standard switch."""

from __future__ import annotations

import pytest

from socialpolicy.checks.reading import governed, read
from tests.checks.helpers import check_text, rules_of

RISKY = """# Conduct online

## Rules

### Loyalty

Employees must not post negative comments about the company.

### Secrets

Do not disclose anything that is not public.

### Posting

When in doubt, don't post.
"""

NARROW = """# Conduct online

## Rules

### Secrets

Do not disclose trade secrets, source code or unannounced product plans.

### Respect

We ban harassment, threats and discrimination in posts about colleagues, such as slurs or threats of violence.

### Speaking for us

Only authorised spokespeople may speak to the media on behalf of the company. You are free to talk to
journalists about your own pay and working conditions.
"""


def test_overbroad_rules_are_errors_with_excerpt_and_citation() -> None:
    report = check_text(RISKY, ("us",))
    errors = {f.rule: f for f in report.findings if f.severity == "error" and f.rule.startswith("nlra.")}
    assert set(errors) >= {"nlra.disparagement", "nlra.confidential-broad", "nlra.prior-approval"}
    f = errors["nlra.disparagement"]
    assert f.excerpt == "Employees must not post negative comments about the company."
    assert (
        f.citation and "Stericycle" in f.citation and f.citation.startswith("Three D, LLC d/b/a Triple Play")
    )
    assert "Noel Canning" in f.citation  # Costco is cited only with the reason it is not the lead authority
    assert f.section == "1. Rules" and f.clause and f.clause.startswith("imp.")
    assert report.has_errors


def test_narrow_rules_pass() -> None:
    report = check_text(NARROW, ("us",))
    assert not {r for r in rules_of(report) if r.startswith("nlra.")}


def test_nlra_rules_only_for_us() -> None:
    assert not {r for r in rules_of(check_text(RISKY, ("uk",))) if r.startswith("nlra.")}


def test_boeing_lowers_severity_and_silences_civility() -> None:
    text = RISKY + "\n### Tone\n\nAlways be respectful and professional when you talk about work online.\n"
    stericycle = check_text(text, ("us",))
    boeing = check_text(text, ("us",), standard="boeing")
    assert "nlra.civility" in rules_of(stericycle, "warning") and "nlra.civility" in rules_of(boeing, "info")
    assert "nlra.civility" not in rules_of(boeing, "warning") | rules_of(boeing, "error")
    assert {f.severity for f in boeing.findings if f.rule == "nlra.disparagement"} == {"warning"}
    assert {f.severity for f in stericycle.findings if f.rule == "nlra.disparagement"} == {"error"}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Refer all media inquiries to Communications.", "nlra.media-contact"),
        (
            "Nothing in this policy is intended to interfere with rights under the National Labor Relations Act.",
            "nlra.savings-clause",
        ),
        (
            "Every post that mentions the company must include a disclaimer that the views are your own.",
            "nlra.disclaimer-every-post",
        ),
    ],
)
def test_other_nlra_rules(text: str, rule: str) -> None:
    report = check_text(f"# P\n\n## Rules\n\n### One\n\n{text}\n", ("us",))
    assert rule in rules_of(report)


def test_media_referral_is_a_warning_and_official_view_is_fine() -> None:
    refer = check_text("# P\n\n## R\n\n### M\n\nRefer all media inquiries to Communications.\n", ("us",))
    assert {f.severity for f in refer.findings if f.rule == "nlra.media-contact"} == {"warning"}
    official = check_text(
        "# P\n\n## R\n\n### M\n\nIf a journalist asks for our official view, refer them to Communications.\n",
        ("us",),
    )
    assert "nlra.media-contact" not in rules_of(official)


def test_specific_savings_clause_is_not_flagged() -> None:
    text = (
        "# P\n\n## R\n\n### Rights\n\nNothing in this policy limits your right to discuss pay, hours and "
        "working conditions or to join a union.\n"
    )
    assert "nlra.savings-clause" not in rules_of(check_text(text, ("us",)))


def test_definition_of_confidential_information_reaching_pay() -> None:
    text = (
        "# P\n\n## Definitions\n\n**Confidential Information** means any information about salaries, "
        "employee records and business plans.\n\n## Rules\n\n### Secrets\n\nDo not share Confidential "
        "Information.\n"
    )
    report = check_text(text, ("us",))
    hits = [f for f in report.findings if f.rule == "nlra.confidential-pay"]
    assert hits and "definition of 'Confidential Information'" in hits[0].message


def test_risky_edit_of_a_library_alternative_offers_the_compliant_alternative() -> None:
    from dataclasses import replace

    from tests.checks.helpers import fixture_project, render_doc, run

    project = fixture_project("social-media-policy", "us-hospital")
    edited = (
        "Do not take photos or videos inside the hospital. Keep personal use of social media to your breaks."
    )
    sections = tuple(
        replace(
            s,
            clauses=tuple(replace(r, body=edited) if r.slot == "smp.personal-use" else r for r in s.clauses),
        )
        for s in project.sections
    )
    report = run(render_doc(replace(project, sections=sections)))
    hit = next(f for f in report.findings if f.rule == "nlra.photography")
    assert hit.fix is not None and hit.fix.kind == "switch-alternative"
    assert hit.fix.args["from"] == hit.clause and hit.fix.args["to"].startswith("smp.personal-use.")
    assert hit.fix.args["to"] != hit.clause and hit.fix.args["slot"] == "smp.personal-use"


def test_a_careful_policy_from_elsewhere_raises_no_legal_risk() -> None:
    from tests.conftest import DATA

    text = (DATA / "checks" / "good-policy.md").read_text(encoding="utf-8")
    report = check_text(text, ("us", "uk", "eu"))
    risky = {
        f.rule for f in report.findings if f.rule.split(".")[0] in ("nlra", "endorsements", "jurisdiction")
    }
    assert risky == set(), [(f.rule, f.excerpt) for f in report.findings]
    assert {f.rule for f in report.findings if f.severity == "error"} <= {"coverage.missing-topic"}
    assert report.covered and "employee-rights" in report.covered


def _learned(text: str) -> list[str]:
    """The notes of the learned reading on ``text`` alone in a policy checked as found."""
    report = check_text(f"# P\n\n## Rules\n\n### One\n\n{text}\n", ("us",))
    return [f.severity for f in report.findings if f.rule == "nlra.resembles-unlawful"]


def _nlra(text: str) -> set[str]:
    report = check_text(f"# P\n\n## Rules\n\n### One\n\n{text}\n", ("us",))
    return {
        f.rule for f in report.findings if f.rule.startswith("nlra.") and f.severity in ("error", "warning")
    }


# Drafting forms and families added in issue 14's third round, each in a sentence of our own (not the corpus's),
# grouped by the batch whose misses showed them.
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # forms from issue 14, round 3, on held-out-2's misses
        # a question and its answer read as one rule
        ("Unsure whether a post about your shift is fine? Then do not post it.", "nlra.prior-approval"),
        ("Could a post make a colleague upset? Then do not post it.", "nlra.civility"),
        (
            "Thinking of a post about the store? Hold off until your manager has approved it.",
            "nlra.prior-approval",
        ),
        # the employer keeps the last word on every post
        (
            "The store reserves the right to review, before publication, any post about the store.",
            "nlra.prior-approval",
        ),
        # a label of more than eight words before its ban
        (
            "Audio or video recordings of shift meetings, huddles or calls at the plant: not allowed.",
            "nlra.photography",
        ),
        # strikes and walkouts
        (
            "Any associate who walks out during a shift, whatever the reason, will be dismissed.",
            "nlra.walkout",
        ),
        ("Staff may not take part in a sick-out or any other work stoppage.", "nlra.walkout"),
        # the employer's interests as the measure of conduct
        (
            "Team members must not do anything that is contrary to the interests of the company.",
            "nlra.company-interests",
        ),
        ("Conflicts of interest with the hotel are not permitted.", "nlra.company-interests"),
        # a duty to tell on colleagues, said as a threat
        (
            "Associates who know a colleague broke this policy online and do not report it will be disciplined as well.",
            "nlra.report-colleagues",
        ),
        # the complainant's own complaint kept secret
        (
            "Whoever makes a report of harassment must keep the complaint confidential.",
            "nlra.investigation-confidentiality",
        ),
        # a gag on a settlement that lets the employee tell only a lawyer
        (
            "You agree to keep the terms of the settlement secret and not to share them with anyone other than your lawyer.",
            "nlra.confidential-pay",
        ),
        # who the rule is for, said before its subject
        (
            "As ambassadors of the brand, we speak positively about the company at all times.",
            "nlra.disparagement",
        ),
        # forms from the third (blind) batch's misses
        # the consequence first, the act after "if"
        ("Workers may be fired if they criticise the plant manager on Facebook.", "nlra.disparagement"),
        (
            "You could be disciplined if you share your wage rate with another driver.",
            "nlra.confidential-pay",
        ),
        (
            "You may be held responsible yourself if you know of a colleague's post about the company and do not pass "
            "it on to HR.",
            "nlra.report-colleagues",
        ),
        # the modal ends a lead-in
        (
            "When you post in the staff forum, nurses must: stay polite and professional with everyone.",
            "nlra.civility",
        ),
        # a duty told as an adverb, beside a ban
        (
            "Crew members must deal with each other politely at all times, and swearing is not acceptable.",
            "nlra.civility",
        ),
        # everyday words for disparaging
        ("Interns must never run the firm down on a blog.", "nlra.disparagement"),
        # tips are pay
        ("Servers may not compare their tips with one another.", "nlra.confidential-pay"),
        # a passive duty of discretion, and a condition before the duty
        (
            "All internal matters are to be treated with strict confidentiality by volunteers.",
            "nlra.confidential-broad",
        ),
        (
            "Except where the law requires it, trainees shall keep their hourly rate, bonus and overtime, strictly "
            "confidential.",
            "nlra.confidential-pay",
        ),
        # a permission, then the rule after "but"
        (
            "Staff are welcome to raise concerns, but social media is not the place for them: complaints belong on "
            "internal channels.",
            "nlra.restricted-audience",
        ),
        # solicitation in work areas reaches breaks spent there
        ("Soliciting is not allowed anywhere in the work areas.", "nlra.working-time"),
        # forms from the fourth batch's misses
        ("Anything that would make the clinic look bad should be kept off Instagram.", "nlra.disparagement"),
        ("Negative remarks about the corporation are not permitted anywhere online.", "nlra.disparagement"),
        (
            "Staff could be disciplined for any post that causes the store embarrassment.",
            "nlra.disparagement",
        ),
        ("Drivers must, on and off duty, act so as to protect the firm's good name.", "nlra.disparagement"),
        (
            "Nothing confidential about the clinic or its suppliers is to be disclosed by employees.",
            "nlra.confidential-broad",
        ),
        ("Team members should never share online what their colleagues earn.", "nlra.confidential-pay"),
        ("Respectful conduct is required of every employee online, on any account.", "nlra.civility"),
        ("Worried about a post? Check with the social team before it goes up.", "nlra.prior-approval"),
        (
            "Picture your post on a billboard; if that makes you nervous, do not post it.",
            "nlra.prior-approval",
        ),
        (
            "Employees may not start a group chat for co-workers without first getting permission from a manager.",
            "nlra.prior-approval",
        ),
        (
            "Upset about your schedule? Keep it off Facebook; the place to raise it is a meeting with HR.",
            "nlra.restricted-audience",
        ),
        (
            "Complaints about pay are to be raised through internal channels and never on social media.",
            "nlra.restricted-audience",
        ),
        (
            "Associates may not use co-workers' phone numbers from the staff roster for anything but work.",
            "nlra.contact-coworkers",
        ),
        (
            "Before sharing anything, associates must check the facts and be sure it is accurate.",
            "nlra.accuracy",
        ),
        (
            "Staff who are not spokespeople must state, whenever they post about work, that the views are theirs alone.",
            "nlra.disclaimer-every-post",
        ),
        ("The company logo may be shown on personal accounts only with HR's written approval.", "nlra.logos"),
        ("It is gross misconduct to take part in a walkout.", "nlra.walkout"),
        # forms from the fifth batch's misses
        (
            "Anything internal stays off social media, including news about the company.",
            "nlra.confidential-broad",
        ),
        (
            "Sensitive information belonging to the school must be kept confidential by every employee.",
            "nlra.confidential-broad",
        ),
        (
            "You may be disciplined if you post about the hotel's policies on overtime.",
            "nlra.confidential-broad",
        ),
        (
            "Staff could receive a written warning if they criticise the store manager online.",
            "nlra.disparagement",
        ),
        (
            "The following are treated as confidential: rotas, staff files and what colleagues earn.",
            "nlra.confidential-pay",
        ),
        ("Insubordination is not acceptable in any online exchange.", "nlra.civility"),
        (
            "Nurses are expected to keep every post, on every platform, courteous and professional.",
            "nlra.civility",
        ),
        ("Unsure whether it belongs online? Then leave it out and ask your manager.", "nlra.prior-approval"),
        ("If something is questionable, it should go unsaid.", "nlra.prior-approval"),
        (
            "Questions from regulators or the police are not to be answered until Legal has cleared them.",
            "nlra.media-contact",
        ),
        ("The store's name may be used in posts only as the company allows.", "nlra.logos"),
        (
            "Our advice is that you not discuss the investigation with other employees.",
            "nlra.investigation-confidentiality",
        ),
        (
            "Whenever you post about the company, make clear that the views are your own.",
            "nlra.disclaimer-every-post",
        ),
        # forms from the sixth batch's misses
        (
            "May I tell a journalist about our pay dispute? No. All press contact goes through HR.",
            "nlra.media-contact",
        ),
        (
            "Can I show my final warning to a colleague? No - it stays between you and HR.",
            "nlra.confidential-pay",
        ),
        ("Staff who post about the firm must do so under their real name.", "nlra.disclaimer-every-post"),
        ("Argue if you must, but stay civil when you do.", "nlra.civility"),
        ("Every post must live up to the firm's professional standards.", "nlra.civility"),
        ("Whenever you hesitate over a post about work, hold it back.", "nlra.prior-approval"),
        ("Never bash the company online.", "nlra.disparagement"),
        ("Each post about the store has to be accurate.", "nlra.accuracy"),
        # forms from the seventh batch's misses
        ("Staff are never to use the clinic's logo without written permission from HR.", "nlra.logos"),
        ("Pay rates are not to be discussed among employees.", "nlra.confidential-pay"),
        (
            "Workers who give a statement in an investigation are not permitted to discuss it with anyone.",
            "nlra.investigation-confidentiality",
        ),
        ("Every post that names the firm must be cleared with Communications first.", "nlra.prior-approval"),
        (
            "Problems at work should be raised only with your manager, not on social media.",
            "nlra.restricted-audience",
        ),
        ("Refer every question from a journalist to the press office.", "nlra.media-contact"),
        (
            "Do not share information about other employees with anyone outside the store.",
            "nlra.confidential-pay",
        ),
        ("Never discuss clinic business with people who do not work here.", "nlra.confidential-broad"),
        (
            "Employees must not share the following on social media:\n- anything about the company's business;\n"
            "- internal matters.",
            "nlra.confidential-broad",
        ),
        # what the fourth sound set's mends narrow stays read where the narrowing does not reach
        (
            "Do not share nonpublic information about customers, the company or its plans.",
            "nlra.confidential-broad",
        ),
        (
            "Do I need to ask my manager before I post about work? No, but never criticize the company online.",
            "nlra.disparagement",
        ),
        (
            "Information about a client and your own salary must be kept confidential.",
            "nlra.confidential-pay",
        ),
        ("Tell your manager about any co-worker's posts that break this policy.", "nlra.report-colleagues"),
        # held-out-10's misses (round 11): the employer by its kind, naming oneself, speculation, fronted clauses,
        # "leave ... to", "kept between", "nothing you post may", "treated as misconduct", "; nobody else ... them"
        ("Anyone who posts negative comments about the practice will be let go.", "nlra.disparagement"),
        (
            "Your post must say that you are employed by us whenever you write about the business.",
            "nlra.disclaimer-every-post",
        ),
        ("Staff must not speculate online about the future of the plant.", "nlra.accuracy"),
        ("Research your posts and get the facts right before you publish them.", "nlra.accuracy"),
        (
            "Until the investigation is closed, please keep what you told us to yourself.",
            "nlra.investigation-confidentiality",
        ),
        ("Leave every media enquiry to the communications director.", "nlra.media-contact"),
        ("Salary information is to be kept between you and HR.", "nlra.confidential-pay"),
        ("Nothing you post online may damage the standing of the company.", "nlra.disparagement"),
        ("Posts that harm the company may be treated as gross misconduct.", "nlra.disparagement"),
        ("Legal or regulatory matters are off limits in your posts.", "nlra.legal-matters"),
        ("The company logo is not to appear in your posts.", "nlra.logos"),
        ("Show your managers respect at all times.", "nlra.civility"),
        (
            "Disputes with the company are for HR only; nobody else should post about them.",
            "nlra.legal-matters",
        ),
    ],
)
def test_drafting_forms_are_read(text: str, rule: str) -> None:
    assert rule in _nlra(text)


# Rules the Board holds lawful, in the drafting forms real handbooks use (none of them corpus text).
LAWFUL_FORMS = [
    # issue 14, round 3, on held-out-2
    "Do not strike, shove or hit anyone at work.",  # a blow, not a strike
    "We will never discipline anyone for joining a lawful strike.",
    "Tell your supervisor before you leave your work area during a shift.",
    "Avoid conflicts of interest such as owning part of a supplier or taking gifts from vendors.",
    "Do not disclose trade secrets or other confidential technical information without authorization.",
    "Be courteous to customers and guests at the front desk.",
    "It is against the rules to be rude to a patient.",
    "Was this post made for the company? Then the Communications team must approve it first.",
    # the third (blind) batch
    # what comes before "what is forbidden is" is allowed
    "Criticism of management is fine here; what is not allowed is doxxing a colleague or posting threats.",
    "You could be disciplined if you post a customer's card number.",
    "Distributing leaflets is not allowed in work areas.",
    "Soliciting is not allowed in work areas during working time.",
    # the fourth batch
    "Do not post photos of customers without their consent.",  # a customer's consent is not approval
    "Do not use social media to give patients medical advice.",  # "social media" is not the press
    "A manager may ask a witness to keep an interview private while the investigation is open, if there is a reason.",
    "Keep customers' card numbers off social media.",
    # the fifth batch
    "Posting a colleague's home address in order to frighten that person is forbidden.",
    "Patient information from the hospital's records may be used only for treatment and may not be disclosed.",
    '"Confidential Information" means our trade secrets and customer lists; it does not include your own wages, '
    "hours or other terms and conditions of employment. Do not disclose Confidential Information.",
    "While an investigation is open, an investigator may ask a witness not to discuss an interview if evidence "
    "could be destroyed; you are always free to discuss your own complaint.",
    "Content published under the company's name must be reviewed by Legal before publication.",
    # the sixth batch
    "Internal memos about upcoming promotions and pricing must not be shared outside the company.",
    "If a colleague posts a patient's photo, report it to Compliance.",
    "Do not record anyone where the state's law on consent forbids it; recordings the law allows are fine.",
    "Do not post information that customers have entrusted to the company.",
    # the seventh batch
    "Do not disclose our pricing or product plans to outside parties; this does not limit talk about wages.",
    "Where it is needed to protect a witness in a particular investigation, the company may ask those involved to "
    "keep the matter confidential.",
    # the sound whole policies (tests/data/checks/sound)
    "You must not post a review that praises our product, or criticizes a rival's, without saying that you work here.",
    "Associates should not use social media for personal purposes while on the clock and assigned to work.",
    "HR looks at every case before anyone is disciplined, to make sure the post is not protected activity.",
    "Employees must not disclose the following confidential information on social media:\n- alarm codes and cash "
    "routes;\n- unannounced loan rates.\n\nThis list is complete. Information about pay is never confidential.",
    # the fourth set (t*.md)
    "You must not post, share or send outside the Bank any nonpublic personal information about a customer or loan "
    "applicant.",
    "Do I need to ask Communications before I post about an exhibition I worked on? No; you may post about your work.",
    "If a reporter asks you for the Firm's official comment, refer the reporter to the Marketing Director.",
    "Follow the terms of the platforms you use, and ask Marketing if a platform's terms seem to conflict with Firm "
    "policy.",
    "Team members must not post material nonpublic information about any public company client, such as unreleased "
    "earnings or an unannounced acquisition.",
    "Do not post our unreleased earnings or the date of the next earnings release.",
    "Team members must not post or otherwise disclose client confidential information on social media.",
    "Treat every guest with courtesy while you are on shift.",
]


@pytest.mark.parametrize("text", LAWFUL_FORMS)
def test_lawful_drafting_forms_pass(text: str) -> None:
    assert _nlra(text) - {"nlra.resembles-unlawful"} == set(), text


def test_the_learned_reading_on_the_lawful_forms() -> None:
    """The learned reading (nlra.resembles-unlawful) reads a sentence by its words alone; of these 39 lawful
    forms the model retrained in round 11 wrongly flags one, a specific business-confidentiality rule (round 10's
    also flagged "strike" in a violence rule and an approval for posts made for the company). Its known false
    alarm, kept in view."""
    flagged = [text for text in LAWFUL_FORMS if _learned(text)]
    assert flagged == [
        "Internal memos about upcoming promotions and pricing must not be shared outside the company.",
    ]


def test_a_ban_on_using_equipment_is_the_equipment_question_whatever_time_it_names() -> None:
    text = "Shop-floor computers may not be used for personal browsing or social media at any time."
    report = check_text(f"# P\n\n## Rules\n\n### One\n\n{text}\n", ("us",))
    (found,) = [f for f in report.findings if f.rule == "nlra.working-time"]
    assert found.severity == "warning"  # Purple Communications against Caesars Entertainment: disputed
    assert found.message.startswith("Any personal use of company email or computers is banned")


def test_a_sanction_alone_and_a_promise_not_to_punish_are_no_rules_for_staff() -> None:
    """ "Violations of Rules 1 through 5 may lead to discipline" names no act (the rules it points to are read
    where they stand); "No staff member will be disciplined for ..." is the employer's promise. A sanction with
    its act is still read."""
    assert governed("Violations of Sections 6.1 through 6.3 may result in disciplinary action.") is None
    assert (
        governed("Other violations may lead to discipline under the Progressive Discipline Policy.") is None
    )
    promise = read("No staff member will be disciplined for activity protected by Section 7.")
    assert (promise.force, promise.binds) == ("none", "organisation")
    assert governed("You could be disciplined if you post negative comments about the company.") == (
        "post negative comments about the company."
    )
    assert governed("No employee may post about pay.") is not None


def test_confidential_information_defined_in_a_sentence_of_the_text_is_defined() -> None:
    """An imported policy defines its terms as it writes them, often without quotes ("Confidential information
    means ..."): a later rule on "confidential information" is then not undefined; without the sentence it is."""
    rules = "## 2. Rules\n\n### 2.1 Sharing\n\nDo not post confidential information on social media.\n"
    definition = (
        "Confidential information means our trade secrets, unreleased product plans and customers' personal data. "
        "It never includes pay, hours or working conditions."
    )

    def undefined(text: str) -> list[str]:
        report = check_text(text, ("us",))
        return [f.excerpt for f in report.findings if f.rule == "nlra.confidential-undefined"]

    assert undefined(f"# P\n\n## 1. Definitions\n\n{definition}\n\n{rules}") == []
    assert undefined(f"# P\n\n## 1. About\n\nOur work is varied.\n\n{rules}") == [
        "Do not post confidential information on social media."
    ]


def test_hedged_civility_advice_is_no_rule() -> None:
    """ "Be respectful when you can" advises; "Be respectful at all times" rules."""
    assert "nlra.civility" not in _nlra(
        "Be respectful when you can; a calm post is read more widely than an angry one."
    )
    assert "nlra.civility" not in _nlra("Try to keep your tone friendly and professional.")
    assert "nlra.civility" in _nlra("Be respectful and professional online at all times.")
