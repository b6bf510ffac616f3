"""The confirmation campaign: each organisation confirms or corrects what the map says about it.

Staff start a campaign (:mod:`.storage`); each organisation gets a private link
(:mod:`.tokens`) to a form pre-filled with its facts (:mod:`.facts`); its answer becomes a
list of proposed changes (:mod:`.changes`), shown to staff as before → after in words
(:mod:`.words`); an accepted change is written through the one write path with the date the
organisation declared it (:mod:`.apply`, ``eco:confirmedOn``).
"""
