"""Which language to answer a person in, from what they wrote.

Words decide, not single letters: a Russian letter that names the contest («Шаңырақ»)
or a Kazakh village is still Russian, and Kazakh typed on a Russian keyboard, with no
ә or қ in it, is still Kazakh. Each word with a Kazakh-only letter counts for Kazakh;
the small words every sentence has (және, мен, үшін / и, в, на, что) count three
times; Latin words count for English. Nothing to go on means the contest's default.
"""

from __future__ import annotations

import re

from hub.config import Language

KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]")
WORD = re.compile(r"[^\W\d_]+")
URL = re.compile(r"\S+://\S+|\S+@\S+|www\.\S+")

KAZAKH_WORDS = frozenset(str.split("""
    және мен бен пен бұл осы сол мына үшін туралы бар жоқ сіз сіздің біз біздің менің
    маған мені сізге емес бе ма ме ба па да де та те ғой қой керек болады болып еді
    жане бул ушин турали сиз сиздин биз биздин менин маган салем сәлем сәлеметсіз
    салеметсиз рахмет рақмет құрметті курметти ауданы ауылы облысы жылы туған
    """))
RUSSIAN_WORDS = frozenset(str.split("""
    и в во на не что это я мы вы он она они с со по для от до из за к ко у о об
    но как так же бы ли то все мой моя мои ваш ваша наш здравствуйте добрый день
    спасибо пожалуйста прошу заявка заявку конкурс конкурса участие город село район
    области год года рождения
    """))
STOPWORD_WEIGHT = 3


def detect_language(text: str, default: Language) -> Language:
    words = WORD.findall(URL.sub(" ", text.lower()))
    kazakh = russian = latin = 0
    for word in words:
        if word in KAZAKH_WORDS:
            kazakh += STOPWORD_WEIGHT
        elif word in RUSSIAN_WORDS:
            russian += STOPWORD_WEIGHT
        if KAZAKH_LETTERS.search(word):
            kazakh += 1
        elif word.isascii():
            latin += 1
    cyrillic = kazakh + russian
    if latin > 2 * cyrillic and latin >= 3:
        return Language.EN
    if kazakh == 0 and russian == 0:
        return default
    return Language.KK if kazakh >= russian else Language.RU
