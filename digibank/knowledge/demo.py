"""Demo guides: itsme, Tax-on-web with itsme and phishing, in Dutch with French and English
translations where it helps. Idempotent: guides are found again by digibank and title."""

from django.db import transaction

from digibank.helpdesk.models import Topic
from digibank.knowledge import services
from digibank.knowledge.models import Guide, GuideStep

GUIDES = [
    {
        "key": "itsme",
        "topics": ["itsme"],
        "audience": "both",
        "versions": {
            "nl": (
                "itsme installeren",
                "U hebt nodig: uw smartphone, uw identiteitskaart met pincode en een "
                "kaartlezer of uw bankapp.",
                [
                    "Open de **Play Store** (Android) of de **App Store** (iPhone).",
                    "Zoek naar **itsme** en tik op Installeren. De app is gratis.",
                    "Open itsme en tik op **Maak je itsme-account aan**.",
                    "Kies hoe u zich identificeert:\n- met uw identiteitskaart en een kaartlezer\n"
                    "- of met uw bankapp",
                    "Kies een itsme-code van 5 cijfers. Schrijf die niet op uw gsm.",
                    "Klaar. Meer uitleg: https://www.itsme-id.com/nl-BE",
                ],
            ),
            "fr": (
                "Installer itsme",
                "Il vous faut : votre smartphone, votre carte d'identité avec son code PIN et "
                "un lecteur de carte ou votre app bancaire.",
                [
                    "Ouvrez le **Play Store** (Android) ou l'**App Store** (iPhone).",
                    "Cherchez **itsme** et touchez Installer. L'app est gratuite.",
                    "Ouvrez itsme et touchez **Créer votre compte itsme**.",
                    "Choisissez comment vous identifier :\n- avec votre carte d'identité et un "
                    "lecteur\n- ou avec votre app bancaire",
                    "Choisissez un code itsme de 5 chiffres. Ne le notez pas sur votre GSM.",
                    "C'est fait. Plus d'infos : https://www.itsme-id.com/fr-BE",
                ],
            ),
            "en": (
                "Install itsme",
                "You need: your smartphone, your identity card with its PIN and a card reader "
                "or your banking app.",
                [
                    "Open the **Play Store** (Android) or the **App Store** (iPhone).",
                    "Search for **itsme** and tap Install. The app is free.",
                    "Open itsme and tap **Create your itsme account**.",
                    "Choose how to identify yourself:\n- with your identity card and a card "
                    "reader\n- or with your banking app",
                    "Choose an itsme code of 5 digits. Do not write it on your phone.",
                    "Done. More: https://www.itsme-id.com/en-BE",
                ],
            ),
        },
    },
    {
        "key": "tax-on-web",
        "topics": ["tax-on-web", "itsme"],
        "audience": "both",
        "versions": {
            "nl": (
                "Inloggen op Tax-on-web met itsme",
                "Voor uw belastingaangifte. U hebt itsme nodig op uw smartphone.",
                [
                    "Ga naar https://www.myminfin.be en klik op **Aanmelden**.",
                    "Kies **itsme** als manier om aan te melden.",
                    "Typ uw gsm-nummer en klik op Verzenden.",
                    "Open itsme op uw gsm, kijk of de gegevens kloppen en bevestig met uw "
                    "itsme-code.",
                    "U bent aangemeld. Klik op **Tax-on-web** om uw aangifte te openen.",
                ],
            ),
            "fr": (
                "Se connecter à Tax-on-web avec itsme",
                "Pour votre déclaration d'impôts. Il vous faut itsme sur votre smartphone.",
                [
                    "Allez sur https://www.myminfin.be et cliquez sur **Se connecter**.",
                    "Choisissez **itsme**.",
                    "Tapez votre numéro de GSM et cliquez sur Envoyer.",
                    "Ouvrez itsme sur votre GSM, vérifiez les données et confirmez avec votre "
                    "code itsme.",
                    "Vous êtes connecté. Cliquez sur **Tax-on-web** pour ouvrir votre déclaration.",
                ],
            ),
        },
    },
    {
        "key": "phishing",
        "topics": ["safety"],
        "audience": "citizens",
        "versions": {
            "nl": (
                "Phishing herkennen",
                "Oplichters sturen berichten die lijken op die van uw bank of de overheid. "
                "Zo herkent u ze.",
                [
                    "Vraagt het bericht om **snel** te klikken, te betalen of een code te geven? "
                    "Dan is het bijna altijd vals.",
                    "Uw bank en de overheid vragen **nooit** uw pincode of itsme-code.",
                    "Kijk naar de afzender en de link. Twijfelt u? Klik niet.",
                    "Stuur verdachte berichten door naar verdacht@safeonweb.be.",
                    "Toch geklikt of betaald? Bel meteen Card Stop: 078 170 170.",
                ],
            ),
            "en": (
                "Recognise phishing",
                "Scammers send messages that look like they come from your bank or the "
                "government. This is how you recognise them.",
                [
                    "Does the message ask you to click, pay or give a code **quickly**? Then it "
                    "is almost always fake.",
                    "Your bank and the government **never** ask for your PIN or itsme code.",
                    "Look at the sender and the link. In doubt? Do not click.",
                    "Forward suspicious messages to suspect@safeonweb.be.",
                    "Clicked or paid anyway? Call Card Stop at once: 078 170 170.",
                ],
            ),
        },
    },
]


# A made-up message drawn for the phishing guide (no real brand, no real address), so
# a fresh installation shows a guide with a picture, as the print view and alt text need.
PHISHING_PICTURE = {
    "nl": (
        [
            "Bpost-pakket",
            "Uw pakket wacht.",
            "Betaal vandaag",
            "1,99 euro via:",
            "pakket-be.example/betaal",
        ],
        "Een gsm met een sms: uw pakket wacht, betaal vandaag 1,99 euro via een vreemde link. "
        "De link is rood omcirkeld.",
    ),
    "en": (
        [
            "Parcel service",
            "Your parcel is waiting.",
            "Pay today",
            "1.99 euro at:",
            "parcel-be.example/pay",
        ],
        "A phone showing a text message: your parcel is waiting, pay 1.99 euro today at a "
        "strange link. The link is circled in red.",
    ),
}


def _phishing_picture(language: str):
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw, ImageFont

    lines, _alt = PHISHING_PICTURE[language]
    image = Image.new("RGB", (360, 480), "#f2f4f7")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((60, 20, 300, 460), radius=28, fill="#1f2933")
    draw.rectangle((74, 60, 286, 420), fill="#ffffff")
    font = ImageFont.load_default(size=15)
    bold = ImageFont.load_default(size=17)
    draw.text((86, 76), lines[0], fill="#1f2933", font=bold)
    draw.rounded_rectangle((84, 108, 276, 250), radius=12, fill="#e4e7eb")
    for n, line in enumerate(lines[1:]):
        draw.text((94, 120 + n * 30), line, fill="#1f2933", font=font)
    draw.ellipse((82, 200, 284, 250), outline="#c81e1e", width=4)
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=f"demo-phishing-{language}.png")


def _add_picture(guide, language: str) -> None:
    """Step 3 ("look at the sender and the link") of the phishing guide gets the picture."""
    step = guide.steps.filter(position=3).first()
    if step is None or step.image or language not in PHISHING_PICTURE:
        return
    picture = _phishing_picture(language)
    step.image_alt = PHISHING_PICTURE[language][1]
    step.image.save(picture.name, picture, save=False)
    step.save(update_fields=["image", "image_alt"])


def _guide(digibank, language, title, summary, steps, audience, original, topics, by):
    guide, created = Guide.objects.get_or_create(
        digibank=digibank,
        title=title,
        defaults={
            "summary": summary,
            "audience": audience,
            "language": language,
            "translation_of": original,
            "created_by": by,
        },
    )
    if created:
        GuideStep.objects.bulk_create(
            GuideStep(guide=guide, position=n, text=text) for n, text in enumerate(steps, 1)
        )
        guide.topics.set(topics)
        services.publish(guide=guide, by=by, note="Demo")
    return guide


@transaction.atomic
def load(out, context: dict) -> dict:
    from digibank.accounts.models import Membership
    from digibank.accounts.roles import Role

    count = 0
    for digibank in context["digibanks"].values():
        staff = (
            Membership.objects.filter(digibank=digibank, role=Role.STAFF)
            .select_related("user")
            .first()
        )
        by = staff.user if staff else None
        for spec in GUIDES:
            topics = list(Topic.objects.filter(digibank=None, code__in=spec["topics"]))
            original = None
            for language in ("nl", "fr", "en"):
                if language not in spec["versions"]:
                    continue
                title, summary, steps = spec["versions"][language]
                guide = _guide(
                    digibank,
                    language,
                    title,
                    summary,
                    steps,
                    spec["audience"],
                    original,
                    topics,
                    by,
                )
                original = original or guide
                if spec["key"] == "phishing":
                    _add_picture(guide, language)
                count += 1
    out.write(f"Guides: {count}")
    return {}
