"""The default question sets of the platform, as data, in Dutch, French and English.

``sync`` installs them: a data migration runs it on every new database and
``manage.py load_question_sets`` runs it after this file changes. A changed set becomes
a new published version; the earlier versions, and the answers given to them, stay.

The citizens' Digiscan follows the five competence areas of DigComp 2.2 at foundation
level and, as in the Bruges-region Digiscan, maps the household's devices, internet,
subscriptions, eID, card reader and itsme as unscored context. The keys of the context
items and their option values are used by ``nextsteps.py``: keep them stable.
"""

import hashlib
import json


def t(nl: str, fr: str, en: str) -> dict:
    return {"nl": nl, "fr": fr, "en": en}


def opt(value: str, nl: str, fr: str, en: str) -> dict:
    return {"value": value, "text": t(nl, fr, en)}


def item(key, screen, kind, text, area="", skill="", hint=None, options=None, multiple=False):
    return {
        "key": key,
        "screen": screen,
        "kind": kind,
        "area": area,
        "skill": skill,
        "text": text,
        "hint": hint or {},
        "options": options or [],
        "multiple": multiple,
    }


DIGISCAN = {
    "key": "digiscan",
    "audience": "citizen",
    "title": t("Digiscan", "Digiscan", "Digiscan"),
    "description": t(
        "Samen met een digihelper kijken we wat u al kunt op de computer, tablet of "
        "smartphone, en wat u thuis hebt. Zo weten we hoe we u het best helpen.",
        "Avec un assistant numérique, nous regardons ce que vous savez déjà faire sur "
        "l'ordinateur, la tablette ou le smartphone, et ce que vous avez à la maison. "
        "Ainsi, nous savons comment bien vous aider.",
        "Together with a digital helper we look at what you can already do on a computer, "
        "tablet or smartphone, and what you have at home. Then we know how best to help you.",
    ),
    "bands": {"foundation": 0.25, "intermediate": 0.5, "advanced": 0.75},
    "items": [
        # Screen 1-3: the household (context, not scored)
        item(
            "devices",
            1,
            "context",
            t(
                "Welke toestellen hebt u thuis?",
                "Quels appareils avez-vous à la maison ?",
                "Which devices do you have at home?",
            ),
            hint=t(
                "Duid alles aan wat u hebt.",
                "Cochez tout ce que vous avez.",
                "Tick everything you have.",
            ),
            options=[
                opt("smartphone", "Een smartphone", "Un smartphone", "A smartphone"),
                opt("tablet", "Een tablet", "Une tablette", "A tablet"),
                opt(
                    "computer",
                    "Een laptop of computer",
                    "Un ordinateur portable ou fixe",
                    "A laptop or computer",
                ),
                opt("none", "Geen van deze", "Aucun de ceux-ci", "None of these"),
            ],
            multiple=True,
        ),
        item(
            "internet",
            1,
            "context",
            t(
                "Hebt u thuis internet?",
                "Avez-vous internet à la maison ?",
                "Do you have internet at home?",
            ),
            options=[
                opt(
                    "fixed",
                    "Ja, met wifi van een abonnement",
                    "Oui, avec le wifi d'un abonnement",
                    "Yes, wifi from a subscription",
                ),
                opt(
                    "mobile_only",
                    "Alleen mobiele data op mijn gsm",
                    "Seulement les données mobiles de mon GSM",
                    "Only mobile data on my phone",
                ),
                opt("none", "Nee", "Non", "No"),
            ],
        ),
        item(
            "subscriptions",
            2,
            "context",
            t(
                "Welke abonnementen hebt u?",
                "Quels abonnements avez-vous ?",
                "Which subscriptions do you have?",
            ),
            hint=t(
                "Duid alles aan wat u hebt.",
                "Cochez tout ce que vous avez.",
                "Tick everything you have.",
            ),
            options=[
                opt("home_internet", "Internet thuis", "Internet à la maison", "Home internet"),
                opt("mobile", "Gsm-abonnement", "Abonnement GSM", "Mobile phone subscription"),
                opt("prepaid", "Herlaadkaart", "Carte prépayée", "Prepaid card"),
                opt("social_tariff", "Het sociaal tarief", "Le tarif social", "The social tariff"),
                opt("none", "Geen", "Aucun", "None"),
            ],
            multiple=True,
        ),
        item(
            "providers",
            2,
            "context",
            t(
                "Bij welke firma hebt u die abonnementen?",
                "Auprès de quel opérateur avez-vous ces abonnements ?",
                "Which provider are those subscriptions with?",
            ),
            options=[
                opt("proximus", "Proximus", "Proximus", "Proximus"),
                opt("telenet", "Telenet", "Telenet", "Telenet"),
                opt("orange", "Orange", "Orange", "Orange"),
                opt("digi", "Digi", "Digi", "Digi"),
                opt("other", "Een andere firma", "Un autre opérateur", "Another provider"),
                opt("dont_know", "Ik weet het niet", "Je ne sais pas", "I do not know"),
            ],
            multiple=True,
        ),
        item(
            "costs_hard",
            2,
            "context",
            t(
                "Is het moeilijk om internet en gsm te betalen?",
                "Est-ce difficile de payer internet et le GSM ?",
                "Is it hard to pay for internet and phone?",
            ),
            options=[
                opt("yes", "Ja", "Oui", "Yes"),
                opt("no", "Nee", "Non", "No"),
            ],
        ),
        item(
            "eid",
            3,
            "context",
            t(
                "Hebt u een identiteitskaart (eID) en kent u de pincode?",
                "Avez-vous une carte d'identité (eID) et connaissez-vous le code PIN ?",
                "Do you have an identity card (eID) and do you know its PIN code?",
            ),
            options=[
                opt(
                    "with_pin",
                    "Ja, en ik ken de pincode",
                    "Oui, et je connais le code PIN",
                    "Yes, and I know the PIN",
                ),
                opt(
                    "no_pin",
                    "Ja, maar ik ken de pincode niet",
                    "Oui, mais je ne connais pas le code PIN",
                    "Yes, but I do not know the PIN",
                ),
                opt("none", "Nee", "Non", "No"),
            ],
        ),
        item(
            "card_reader",
            3,
            "context",
            t(
                "Hebt u een kaartlezer voor de eID?",
                "Avez-vous un lecteur de carte pour l'eID ?",
                "Do you have a card reader for the eID?",
            ),
            options=[opt("yes", "Ja", "Oui", "Yes"), opt("no", "Nee", "Non", "No")],
        ),
        item(
            "itsme",
            3,
            "context",
            t(
                "Gebruikt u itsme?",
                "Utilisez-vous itsme ?",
                "Do you use itsme?",
            ),
            options=[
                opt("active", "Ja", "Oui", "Yes"),
                opt("not_active", "Nee", "Non", "No"),
                opt("dont_know", "Ik weet het niet", "Je ne sais pas", "I do not know"),
            ],
        ),
        # Screen 4: information and data literacy
        item(
            "info_search",
            4,
            "self_rating",
            t(
                "Ik zoek iets op het internet, bijvoorbeeld de openingsuren van het gemeentehuis.",
                "Je cherche quelque chose sur internet, par exemple les heures d'ouverture de "
                "la maison communale.",
                "I look something up on the internet, for example the opening hours of the "
                "town hall.",
            ),
            area="information",
            skill="search",
        ),
        item(
            "info_trust",
            4,
            "can_do",
            t(
                "Ik zie of een website te vertrouwen is.",
                "Je vois si un site web est fiable.",
                "I can tell whether a website can be trusted.",
            ),
            area="information",
            skill="judge",
        ),
        item(
            "info_task_search",
            4,
            "task",
            t(
                "Opdracht: zoek de openingsuren van de bibliotheek op de tablet.",
                "Exercice : cherchez les heures d'ouverture de la bibliothèque sur la tablette.",
                "Task: find the opening hours of the library on the tablet.",
            ),
            area="information",
            skill="search",
            hint=t(
                "De digihelper kijkt mee en duidt aan hoe het ging.",
                "L'assistant numérique regarde et indique comment cela s'est passé.",
                "The helper watches and notes how it went.",
            ),
        ),
        # Screen 5: communication and collaboration
        item(
            "comm_message",
            5,
            "self_rating",
            t(
                "Ik stuur een bericht met een foto naar familie of vrienden.",
                "J'envoie un message avec une photo à ma famille ou à des amis.",
                "I send a message with a photo to family or friends.",
            ),
            area="communication",
            skill="message",
        ),
        item(
            "comm_videocall",
            5,
            "can_do",
            t(
                "Ik kan videobellen.",
                "Je peux faire un appel vidéo.",
                "I can make a video call.",
            ),
            area="communication",
            skill="videocall",
        ),
        item(
            "comm_email",
            5,
            "can_do",
            t(
                "Ik lees mijn e-mails en ik stuur zelf een e-mail.",
                "Je lis mes e-mails et j'envoie moi-même un e-mail.",
                "I read my e-mails and send an e-mail myself.",
            ),
            area="communication",
            skill="email",
        ),
        item(
            "comm_task_email",
            5,
            "task",
            t(
                "Opdracht: stuur een korte e-mail naar de digihelper.",
                "Exercice : envoyez un court e-mail à l'assistant numérique.",
                "Task: send a short e-mail to the helper.",
            ),
            area="communication",
            skill="email",
        ),
        # Screen 6: digital content creation
        item(
            "content_photo",
            6,
            "self_rating",
            t(
                "Ik neem een foto en bewaar of verstuur hem.",
                "Je prends une photo et je la garde ou je l'envoie.",
                "I take a photo and save or send it.",
            ),
            area="content",
            skill="photo",
        ),
        item(
            "content_form",
            6,
            "can_do",
            t(
                "Ik vul een formulier in op het internet, bijvoorbeeld om een afspraak te maken.",
                "Je remplis un formulaire sur internet, par exemple pour prendre rendez-vous.",
                "I fill in a form on the internet, for example to make an appointment.",
            ),
            area="content",
            skill="form",
        ),
        item(
            "content_task_form",
            6,
            "task",
            t(
                "Opdracht: vul samen een eenvoudig oefenformulier in.",
                "Exercice : remplissez ensemble un formulaire d'exercice simple.",
                "Task: fill in a simple practice form together.",
            ),
            area="content",
            skill="form",
        ),
        # Screen 7: safety
        item(
            "safety_password",
            7,
            "self_rating",
            t(
                "Ik maak een sterk wachtwoord en ik houd het geheim.",
                "Je crée un mot de passe fort et je le garde secret.",
                "I make a strong password and keep it secret.",
            ),
            area="safety",
            skill="password",
        ),
        item(
            "safety_phishing",
            7,
            "can_do",
            t(
                "Ik herken een vals bericht dat naar mijn bankgegevens vraagt.",
                "Je reconnais un faux message qui demande mes données bancaires.",
                "I recognise a fake message that asks for my bank details.",
            ),
            area="safety",
            skill="phishing",
        ),
        item(
            "safety_update",
            7,
            "can_do",
            t(
                "Ik installeer updates als mijn toestel erom vraagt.",
                "J'installe les mises à jour quand mon appareil le demande.",
                "I install updates when my device asks for them.",
            ),
            area="safety",
            skill="update",
        ),
        item(
            "safety_task_phishing",
            7,
            "task",
            t(
                "Opdracht: toon drie berichten. Welk bericht is vals?",
                "Exercice : montrez trois messages. Lequel est faux ?",
                "Task: show three messages. Which one is fake?",
            ),
            area="safety",
            skill="phishing",
        ),
        # Screen 8: problem solving
        item(
            "ps_login",
            8,
            "can_do",
            t(
                "Ik meld me aan op een website van de overheid met itsme of mijn eID, "
                "bijvoorbeeld MyMinfin.",
                "Je me connecte à un site de l'administration avec itsme ou mon eID, par "
                "exemple MyMinfin.",
                "I log in to a government website with itsme or my eID, for example MyMinfin.",
            ),
            area="problem_solving",
            skill="login",
        ),
        item(
            "ps_fix",
            8,
            "self_rating",
            t(
                "Als iets niet werkt, bijvoorbeeld de wifi, probeer ik het op te lossen of "
                "zoek ik hulp.",
                "Quand quelque chose ne marche pas, par exemple le wifi, j'essaie de le "
                "résoudre ou je cherche de l'aide.",
                "When something does not work, for example the wifi, I try to fix it or I "
                "find help.",
            ),
            area="problem_solving",
            skill="fix",
        ),
        item(
            "ps_app",
            8,
            "can_do",
            t(
                "Ik installeer een app op mijn smartphone of tablet.",
                "J'installe une application sur mon smartphone ou ma tablette.",
                "I install an app on my smartphone or tablet.",
            ),
            area="problem_solving",
            skill="app",
        ),
        item(
            "ps_task_app",
            8,
            "task",
            t(
                "Opdracht: installeer een gratis app uit de appwinkel.",
                "Exercice : installez une application gratuite depuis la boutique d'applications.",
                "Task: install a free app from the app store.",
            ),
            area="problem_solving",
            skill="app",
        ),
        # Screen 9: attitude (not scored)
        item(
            "att_learn",
            9,
            "attitude",
            t(
                "Ik wil graag meer leren over computers en internet.",
                "J'aimerais apprendre davantage sur les ordinateurs et internet.",
                "I would like to learn more about computers and the internet.",
            ),
        ),
        item(
            "att_afraid",
            9,
            "attitude",
            t(
                "Ik ben bang om fouten te maken op het internet.",
                "J'ai peur de faire des erreurs sur internet.",
                "I am afraid of making mistakes on the internet.",
            ),
        ),
    ],
}

STAFF_SCREENING = {
    "key": "staff-screening",
    "audience": "staff",
    "title": t(
        "Screening digitale basisvaardigheden voor personeel",
        "Dépistage des compétences numériques de base du personnel",
        "Screening of basic digital skills for staff",
    ),
    "description": t(
        "Deze korte vragenlijst toont welke digitale vaardigheden u al hebt. Uw antwoorden "
        "zijn anoniem. Alleen u ziet uw eigen resultaat. Uw werkgever ziet alleen cijfers "
        "van groepen van minstens vijf mensen.",
        "Ce court questionnaire montre quelles compétences numériques vous avez déjà. Vos "
        "réponses sont anonymes. Vous seul voyez votre résultat. Votre employeur ne voit que "
        "des chiffres de groupes d'au moins cinq personnes.",
        "This short questionnaire shows which digital skills you already have. Your answers "
        "are anonymous. Only you see your own result. Your employer only sees figures of "
        "groups of at least five people.",
    ),
    "bands": {"foundation": 0.25, "intermediate": 0.5, "advanced": 0.75},
    "items": [
        item(
            "staff_info_search",
            1,
            "self_rating",
            t(
                "Ik vind snel betrouwbare informatie op het internet voor mijn werk.",
                "Je trouve rapidement des informations fiables sur internet pour mon travail.",
                "I quickly find reliable information on the internet for my work.",
            ),
            area="information",
            skill="search",
        ),
        item(
            "staff_info_files",
            1,
            "can_do",
            t(
                "Ik vind een document terug in de gedeelde mappen van mijn werk.",
                "Je retrouve un document dans les dossiers partagés de mon travail.",
                "I find a document again in the shared folders at work.",
            ),
            area="information",
            skill="files",
        ),
        item(
            "staff_comm_mail",
            2,
            "self_rating",
            t(
                "Ik stuur een e-mail met een bijlage.",
                "J'envoie un e-mail avec une pièce jointe.",
                "I send an e-mail with an attachment.",
            ),
            area="communication",
            skill="email",
        ),
        item(
            "staff_comm_meeting",
            2,
            "can_do",
            t(
                "Ik neem deel aan een online vergadering en deel mijn scherm.",
                "Je participe à une réunion en ligne et je partage mon écran.",
                "I join an online meeting and share my screen.",
            ),
            area="communication",
            skill="meeting",
        ),
        item(
            "staff_content_doc",
            3,
            "self_rating",
            t(
                "Ik maak een brief met titels en een tabel in een tekstverwerker.",
                "Je rédige une lettre avec des titres et un tableau dans un traitement de texte.",
                "I make a letter with headings and a table in a word processor.",
            ),
            area="content",
            skill="document",
        ),
        item(
            "staff_content_sheet",
            3,
            "can_do",
            t(
                "Ik tel een kolom op in een rekenblad.",
                "J'additionne une colonne dans un tableur.",
                "I add up a column in a spreadsheet.",
            ),
            area="content",
            skill="spreadsheet",
        ),
        item(
            "staff_safety_phishing",
            4,
            "can_do",
            t(
                "Ik herken een phishingmail en ik weet waar ik hem meld.",
                "Je reconnais un e-mail d'hameçonnage et je sais où le signaler.",
                "I recognise a phishing e-mail and know where to report it.",
            ),
            area="safety",
            skill="phishing",
        ),
        item(
            "staff_safety_privacy",
            4,
            "self_rating",
            t(
                "Ik weet welke persoonsgegevens van burgers ik mag delen, en hoe.",
                "Je sais quelles données personnelles des citoyens je peux partager, et comment.",
                "I know which personal data of citizens I may share, and how.",
            ),
            area="safety",
            skill="privacy",
        ),
        item(
            "staff_ps_citizen",
            5,
            "self_rating",
            t(
                "Ik help een burger om een online formulier van de gemeente te vinden.",
                "J'aide un citoyen à trouver un formulaire en ligne de la commune.",
                "I help a citizen find an online form of the municipality.",
            ),
            area="problem_solving",
            skill="help_citizen",
        ),
        item(
            "staff_ps_problem",
            5,
            "can_do",
            t(
                "Als mijn computer iets vreemds doet, weet ik wat ik moet doen en wie ik bel.",
                "Quand mon ordinateur fait quelque chose d'étrange, je sais quoi faire et qui "
                "appeler.",
                "When my computer does something strange, I know what to do and whom to call.",
            ),
            area="problem_solving",
            skill="fix",
        ),
        item(
            "staff_att_training",
            6,
            "attitude",
            t(
                "Ik wil graag een opleiding digitale vaardigheden volgen.",
                "J'aimerais suivre une formation en compétences numériques.",
                "I would like to take a training in digital skills.",
            ),
        ),
    ],
}

DEFAULT_SETS = [DIGISCAN, STAFF_SCREENING]

ITEM_FIELDS = ("key", "screen", "kind", "area", "skill", "text", "hint", "options", "multiple")


def content_hash(items: list[dict], bands: dict) -> str:
    payload = json.dumps(
        {"items": [{f: i[f] for f in ITEM_FIELDS} for i in items], "bands": bands},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def sync(*, QuestionSet, QuestionSetVersion, Item, now, sets=DEFAULT_SETS) -> list[str]:
    """Install or update the default sets; a change becomes a new published version.

    Takes the model classes so that a data migration can pass its historical models.
    Returns what it did, one line per set.
    """
    report = []
    for data in sets:
        qs, _created = QuestionSet.objects.get_or_create(
            digibank=None,
            key=data["key"],
            defaults={"audience": data["audience"], "title": data["title"]},
        )
        qs.audience, qs.title, qs.description = data["audience"], data["title"], data["description"]
        qs.save()
        digest = content_hash(data["items"], data["bands"])
        latest = (
            QuestionSetVersion.objects.filter(question_set=qs, published_at__isnull=False)
            .order_by("-number")
            .first()
        )
        if latest and latest.content_hash == digest:
            report.append(f"{data['key']}: version {latest.number} is up to date")
            continue
        last = QuestionSetVersion.objects.filter(question_set=qs).order_by("-number").first()
        version = QuestionSetVersion.objects.create(
            question_set=qs,
            number=(last.number + 1) if last else 1,
            bands=data["bands"],
            content_hash=digest,
            published_at=now,
        )
        Item.objects.bulk_create(
            Item(version=version, position=n, **{f: i[f] for f in ITEM_FIELDS})
            for n, i in enumerate(data["items"], start=1)
        )
        report.append(f"{data['key']}: published version {version.number}")
    return report
