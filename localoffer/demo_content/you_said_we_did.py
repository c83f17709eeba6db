"""Anonymised example feedback for the public "You said, we did" page.

Section 30 of the Children and Families Act 2014 requires the council to publish
comments about its Local Offer and its response. These are fictional examples.
"""

from .blocks import clean


def _item(year, topic, comment, response, action=""):
    return {
        "year": year,
        "topic": topic,
        "comment": clean(comment),
        "response": clean(response),
        "action": clean(action),
    }


YOU_SAID_WE_DID = [
    _item(
        2025,
        "education",
        """My son's school kept saying he was "doing fine" but he was coming home
        exhausted and upset every day. I didn't know I could ask for an EHC needs
        assessment myself.""",
        """Thank you. Many parents told us the same thing. You do not need the school's
        agreement to ask for an assessment. We have made this clearer on our SEN
        support and assessment pages.""",
        """We have added a plain-English guide to asking for an assessment, with a
        checklist. SENDIASS now runs a monthly workshop on it.""",
    ),
    _item(
        2025,
        "personal-budgets",
        """The direct payment paperwork is too much. I spend hours every quarter matching
        receipts to bank statements.""",
        """We agree the quarterly return was longer than it needed to be. We worked with
        the parent carer forum to cut it from 6 pages to 2.""",
        """Families who book and pay through the directory now have their invoices and
        receipts saved in their account automatically, ready for the return.""",
    ),
    _item(
        2025,
        "the-website",
        """I tried to use the old Local Offer on my phone and couldn't read anything. The
        directory was full of services that had closed.""",
        """You were right. The old website did not work well on phones and listings were
        often out of date.""",
        """We have built this new website to work on any device. Providers now update
        their listings every 2 to 3 months, and we check each change before it goes
        live.""",
    ),
    _item(
        2025,
        "leisure-and-short-breaks",
        """There is nothing for teenagers in the holidays. Playschemes are full of little
        kids and my daughter is 15.""",
        """Thank you. We looked at our holiday short breaks and found very few for young
        people aged 14 and over.""",
        """We are funding a new holiday programme for young people aged 14 to 18, designed
        with the Youth Voice SEND group. It will run in every summer holiday.""",
    ),
    _item(
        2025,
        "travel",
        """Our taxi driver changed three times in one term. My son is autistic and this
        made mornings really hard.""",
        """We are sorry. Changes of driver and passenger assistant can be very
        unsettling. Our contracts now say operators must keep the same crew wherever
        possible.""",
        """Operators must now tell families at least 2 days before a planned change of
        crew, and send a photo of the new driver and assistant.""",
    ),
    _item(
        2025,
        "health",
        """We waited over a year for an autism assessment and nobody told us about any
        support while we waited.""",
        """We know waiting times are too long. The NHS is working to reduce them. You do
        not need a diagnosis to get support at school or from many services.""",
        """We have added a "support while you wait" section to our health pages, and the
        NHS now sends it to every family on the waiting list.""",
    ),
    _item(
        2026,
        "complaints-mediation-and-tribunal",
        """I didn't understand that I had to contact a mediation adviser before I could
        appeal. I nearly missed the deadline.""",
        """Thank you. The letters we send did not explain this clearly enough.""",
        """We have rewritten our decision letters with the parent carer forum. They now
        include a simple timeline showing your deadlines.""",
    ),
    _item(
        2026,
        "information-advice-and-support",
        """English is not my first language. I did not know that I could get
        information in my language.""",
        """We are sorry. Interpreting and translation are free, but we had not made this
        clear enough.""",
        """We have added a message in the 6 most common community languages in Northbridge
        to the top of our "other formats" page and to our printed leaflets.""",
    ),
    _item(
        2026,
        "childcare",
        """My nursery said they could not take my daughter for her funded hours unless I
        paid for an extra member of staff.""",
        """Nurseries must not charge for funded hours, and they should ask the council
        for help through the SEN inclusion fund. We contacted the nursery, with your
        permission, and resolved this.""",
        """We have reminded all providers of the rules and made the SEN inclusion fund
        application shorter.""",
    ),
    _item(
        2026,
        "preparing-for-adulthood",
        """At 17 my son still had no idea what would happen when he turned 18. Nobody from
        adult social care came to his review.""",
        """We are sorry. Planning should start much earlier. The Preparing for Adulthood
        Team now attends Year 11 reviews for young people likely to need adult social
        care.""",
        "",
    ),
    _item(
        2026,
        "social-care",
        """The short breaks statement is long and hard to follow. I couldn't work out what
        my family could get.""",
        """Thank you. We have written a shorter summary, with a table showing the three
        levels of short breaks and how to get each one.""",
        """We are writing an easy read version of the short breaks statement with young
        people and the parent carer forum.""",
    ),
    _item(
        2026,
        "personal-budgets",
        """I would like to share a personal assistant with another family, but I didn't
        know if that was allowed.""",
        """It is allowed, as long as the activity meets an outcome in each child's plan.
        We have added a page explaining how to share costs with other families.""",
        """Providers in the directory can now show group prices, so families can see the
        cost per child.""",
    ),
]
