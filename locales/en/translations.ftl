## Content in several languages (issue 27): translations of templates, opportunities,
## offerings, organizations and proposals.

# A language's name, in this language. $code is its tag; $native its name in itself.
translations-language = { $code ->
    [en] English
    [es] Spanish
    [zh-Hant] Chinese (Traditional)
   *[other] { $native }
 }
# Shown under text the reader sees in the language it was written in.
translations-originally-in = Originally in { $language }
translations-link = Translations
translations-title = Translations
translations-intro = This was written in { $language }. A translation is shown to readers of its language; the original stays as it is.
translations-field-locale = Language of the translation
translations-choose = Choose
translations-original = Original ({ $language }):
translations-field-title = { $kind ->
    [organization] Name
   *[other] Title
 }
translations-field-summary = { $kind ->
    [template] Summary
   *[other] Description
 }
translations-field-content = { $kind ->
    [opportunity] On-site instructions
    [template] Instructions
   *[other] Text
 }
translations-empty-removes = Leave a field empty to remove its translation.
translations-save = Save translation
translations-saved = The translation is saved.
translations-no-languages = The city offers no other language to translate into.
error-translation-of-original = This is the language it was written in; choose another language.
