error-follow-target-invalid = 請輸入像 @city@berkeley.example 這樣的代號，或某個帳號（actor）的網址。
error-domain-invalid = 這不是網域名稱。請輸入像 example.org 這樣的網域。
error-follow-self = 這就是本城市自己。
error-fediverse-handle-invalid = 請輸入像 @alice@mastodon.example 這樣的聯邦宇宙代號。
error-fediverse-actor-taken = 此聯邦宇宙帳號已連結到本城市的另一位居民。每個帳號只能連結一位居民。
error-fediverse-already-linked = 您的帳號已連結一個聯邦宇宙帳號。請先解除連結。
error-fediverse-link-other-account = 此連結是寄給本城市另一個帳號的。請以提出要求的居民身分登入。
