## What City/Sync needs to know of this language besides its messages. A new language is a
## folder locales/<tag>/ (a BCP 47 tag: fr, pt-BR, zh-Hant) with this file and its messages.

# The language's name in itself, in the language picker.
locale-native-name = English
# Day and month names: a locale name chrono knows (pure-rust-locales: en_US, es_MX, zh_TW…).
locale-chrono = en_US
# How numbers are written: 1,234.5 and 75.0%.
locale-decimal-separator = .
locale-group-separator = ,
locale-percent-suffix = %
