## Governance: decision cycles, proposals, ballots, tallies, deliberation, parameters. / 治理：決策週期、提案、選票、計票、審議、參數。

## Navigation
nav-governance = 治理

## Shared words
gov-phase-name = { $phase ->
    [upcoming] 尚未開始
    [proposals] 提案
    [deliberation] 審議
    [voting] 投票
   *[results] 結果
}
gov-phase-doing = { $phase ->
    [upcoming] 目前還不能做任何事：提案階段尚未開始。
    [proposals] 持有足夠 VOTE 的居民，以及透過負責人代表的組織，可以撰寫提案。提案人仍可編輯或撤回提案。
    [deliberation] 提案已定案。所有已登入的人都可以在留言中討論，並互相回覆。
    [voting] 有投票資格的居民進行投票，並可在投票結束前更改選票。只公開選票數量。
   *[results] 計票結果已公開，通過的提案已付諸實行。
}
gov-cycle-now = { $phase ->
    [upcoming] 此週期尚未開始。
    [proposals] 目前：開放提案中。
    [deliberation] 目前：審議中。
    [voting] 目前：投票進行中。
   *[results] 目前：結果已出爐。
}
gov-method = { $method ->
    [weighted_majority] 加權多數決
    [approval] 認可投票
   *[quadratic] 二次方投票
}
gov-method-explained = { $method ->
    [weighted_majority] 每位投票者選擇一個答案，並以其全部 VOTE 計算。「贊成」的 VOTE 多於「反對」時，提案通過。
    [approval] 每位投票者可以認可任意多個選項，每一項認可都以其全部 VOTE 計算。
   *[quadratic] 每位投票者的 VOTE 就是一份投票額度。在一個選項上投 n 票要花費 n² 額度，因此越強烈的意願代價越高。
}
gov-kind = { $kind ->
    [policy] 政策
    [parameter_change] 參數變更
    [budget] 參與式預算
   *[adopt_model] 採用模式
}
gov-kind-explained = { $kind ->
    [policy] 政策是以文字寫成的決定：本市應該做什麼，以及為什麼。
    [parameter_change] 參數變更會設定本市的一項或多項規則，例如某類服務的獎勵。通過後，系統會自動套用。
    [budget] 參與式預算將一筆 CITY 預算池分配給各個選項。在預算池範圍內，獲得最多支持的選項會獲得資助。
   *[adopt_model] 採用其他城市發布的一組任務範本或治理模式。
}
gov-proposal-state = { $state ->
    [open] 開放修改中
    [withdrawn] 已撤回
    [deliberation] 審議中
    [voting] 投票中
    [passed] 已通過
    [rejected] 未通過
   *[no_quorum] 未達法定門檻
}
gov-outcome = { $outcome ->
    [passed] 已通過
    [rejected] 未通過
   *[no_quorum] 未決定：未達法定門檻
}
gov-option-yes = 贊成
gov-option-no = 反對
gov-times-local = 所有時間均為 { $zone }。
gov-markdown-hint = 可以使用 Markdown：**粗體**、清單、連結。
gov-back-to-cycles = 所有決策週期
gov-back-to-cycle = 返回決策週期「{ $title }」
gov-back-to-proposal = 返回提案
gov-phase-from = 自 { $when } 起
gov-phase-until = 至 { $when } 止
gov-phase-current = 進行中
gov-phase-done = 已結束

## The list of cycles
gov-title = 市政決策
gov-intro = 居民在決策週期中共同做出決定：先提案，再審議，然後以 VOTE 加權投票，最後公開結果。
gov-parameters-link = 本市目前生效的參數
gov-moderation-link = 留言管理紀錄
gov-cycle-new-link = 開啟新的決策週期
gov-cycles-title = 決策週期
gov-cycles-empty = 還沒有開啟任何決策週期。
gov-col-cycle = 週期
gov-col-phase = 階段
gov-col-opens = 開放提案
gov-col-results = 結果

## Opening and editing a cycle
gov-cycle-new-title = 開啟決策週期
gov-cycle-new-intro = 請為每個階段設定開始日期。週期會在這些日期自動進入下一階段，您也可以在週期頁面提前開始下一階段。
gov-cycle-field-title = 標題
gov-cycle-field-description = 此週期的主題
gov-cycle-dates = 階段
gov-cycle-dates-hint = 每個階段在其日期開始，並在下一階段開始時結束。日期必須依序排列。
gov-cycle-field-proposals-at = 開放提案
gov-cycle-field-deliberation-at = 審議開始
gov-cycle-field-voting-at = 投票開始
gov-cycle-field-results-at = 投票結束並公布結果
gov-cycle-field-quorum = 法定門檻（百分比）
gov-cycle-field-quorum-hint = 結果要成立，所有具投票資格的 VOTE 中必須有多少比例參與（棄權也算）。0 到 100。
gov-cycle-field-min-vote = 投票所需的最低 VOTE
gov-cycle-field-min-vote-hint = 投票開始時持有至少這麼多 VOTE 的居民可以投票。至少為 1。
gov-cycle-create = 開啟週期
gov-cycle-edit-title = 編輯此週期
gov-cycle-edit-hint = 已經開始的階段，日期無法變更。投票開始後，投票方式和規則都無法變更。
gov-cycle-save = 儲存週期
gov-error-date = 請輸入日期和時間。
gov-error-method = 請選擇投票方式。
gov-admin-title = 管理員專用
gov-next-phase = 立即開始下一階段：{ $phase ->
    [proposals] 提案
    [deliberation] 審議
    [voting] 投票
   *[results] 結果
}
gov-next-phase-hint = { $phase ->
    [voting] 投票開始的那一刻會記錄 VOTE 餘額；這決定誰可以投票以及投票的份量。
    [results] 投票立即結束：所有提案都會計票，通過的提案會付諸實行。
   *[other] 此階段會立即開始，而不是在預定日期開始。
}

## The cycle's page
gov-timeline-title = 時程
gov-rules-title = 規則
gov-rules-method = 投票方式
gov-rules-quorum = 法定門檻
gov-rules-quorum-value = 具投票資格的 VOTE 中，必須有 { $percent }% 參與
gov-rules-min-vote = 誰可以投票
gov-rules-min-vote-value = 已確認電子郵件，且在投票開始時持有至少 { $min } VOTE 的居民
gov-rules-pool = 參與式預算
gov-rules-pool-value = 本市提供 { $amount } CITY，由各預算提案分配
gov-rules-pool-none = 本週期沒有
gov-rules-eligible = 有投票資格的人
gov-rules-eligible-value = { $voters } 位居民，共持有 { $weight } VOTE
gov-rules-frozen-when = 這些規則在投票開始前可以變更；之後就會固定。
gov-rules-frozen-now = 投票已經開始，因此這些規則已固定。
gov-proposals-title = 提案
gov-proposals-empty = 還沒有提案。
gov-propose-kind = { $kind ->
    [policy] 提出政策
    [parameter_change] 提出參數變更
    [budget] 提出參與式預算
   *[adopt_model] 提議採用模式
}
gov-propose-sign-in = 請登入以提出提案
gov-cycle-min-vote = 以您個人名義提案，需要至少 { $n } VOTE。組織的負責人也可以代表組織提案。
gov-col-proposal = 提案
gov-col-kind = 類型
gov-col-by = 提案人
gov-col-state = 狀態

## The proposal form
gov-proposal-new-title = { $kind ->
    [policy] 新的政策提案
    [parameter_change] 新的參數變更
    [budget] 新的參與式預算
   *[adopt_model] 新的採用模式提案
}
gov-proposal-edit-title = 編輯您的提案
gov-proposal-field-title = 標題
gov-proposal-field-body = 用您自己的話說明提案
gov-proposal-field-organization = 提案身分
gov-proposal-field-organization-hint = 以您個人名義提案，需要至少 { $n } VOTE。您擔任負責人的組織，無論您持有多少 VOTE 都可以提案。
gov-proposal-own-name = 我自己
gov-proposal-on-behalf = 代表 @{ $organization } 提出。
gov-proposal-publish = 發布提案
gov-proposal-save = 儲存變更
gov-changes-title = 參數變更
gov-changes-hint = 每個參數填寫一列；空白的列會被忽略。獎勵倍率請選擇類別；預算請選擇發布組織。
gov-family = { $family ->
    [reward_multiplier] 某類別的獎勵倍率
    [issuer_budget] 發布組織每期的 CITY 預算
    [epoch_length] 每期的長度
    [city_expiry_epochs] 所獲 CITY 的有效期
    [vote_decay_percent] 每期的 VOTE 衰減
    [resident_cap_city] 每位居民每期的 CITY 上限
    [resident_cap_vote] 每位居民每期的 VOTE 上限
    [reservation_minutes] 預約的有效時間
    [level_to_earn] 獲得 CITY 和 VOTE 所需的身分等級
    [level_to_vote] 投票所需的身分等級
   *[min_vote_to_propose] 提案所需的 VOTE
}
gov-family-range = { $family ->
    [reward_multiplier] 0 到 1000 的百分比，套用在該類別服務的 CITY 和 VOTE 獎勵上：100 表示不變，200 表示加倍，50 表示減半。
    [issuer_budget] 發布組織在每期開始時獲得的 CITY 金額，0 到 10,000,000，例如 250 或 99.50。
    [epoch_length] 請以英文輸入，例如「1 month」、「2 weeks」或「10 days」（1 到 12 個月，1 到 366 天）。從下一期起生效。
    [city_expiry_epochs] 所獲 CITY 在幾期後過期，0 到 120；0 表示永不過期。
    [vote_decay_percent] 每期結束時，每位居民 VOTE 衰減的百分比，0 到 50。
    [resident_cap_city] 每位居民每期最多可獲得的 CITY，0 到 1,000,000，例如 200 或 99.50；0 表示無上限。選擇類別則只限制該類別的服務。
    [resident_cap_vote] 每位居民每期最多可獲得的 VOTE，0 到 1,000,000 的整數；0 表示無上限。
    [reservation_minutes] 預約及其 QR 碼的有效分鐘數，5 到 4320（3 天）的整數：足夠讓人在家預約後走到櫃台。適用於決策之後建立的預約。
    [level_to_earn] 請以英文輸入「email」（已驗證的電子郵件地址即可）或「resident」（居民身分驗證，例如在登記櫃台辦理）。低於此等級時，已驗證服務的獎勵會暫緩入帳，若居民在該期內完成驗證即會入帳。
    [level_to_vote] 請以英文輸入「email」（已驗證的電子郵件地址即可）或「resident」（居民身分驗證，例如在登記櫃台辦理）。
   *[min_vote_to_propose] VOTE 的整數，0 到 1,000,000。
}
gov-change-row = 變更 { $number }
gov-change-parameter = 參數
gov-change-none = （無）
gov-change-category = 類別（用於獎勵倍率或 CITY 上限）
gov-change-issuer = 發布組織（用於預算）
gov-change-value = 新的值
gov-budget-pool = 要分配的預算池（CITY）
gov-budget-pool-hint = 本市在此週期分配給各預算提案的 CITY，最多 10,000,000。若此週期沒有參與式預算，請留空。投票開始前都可以變更。
gov-budget-options = 選項
gov-budget-options-hint = 至少兩個選項。每個選項花費預算池的一部分，並支付給一個已核准的組織（以其代號指定）。空白的列會被忽略。
gov-budget-option-row = 選項 { $number }
gov-budget-option-title = 資助的內容
gov-budget-option-cost = 費用（CITY）
gov-budget-option-organization = 組織代號
gov-model-url = 模式的網址
gov-model-url-hint = 另一個 City/Sync 城市上發布此範本組或治理模式的頁面。

## The proposal's page
gov-by = 提案人
gov-by-organization = 代表組織
gov-drafted-by = 由 @{ $username } 撰寫
gov-proposal-edit = 編輯提案
gov-proposal-withdraw = 撤回提案
gov-proposal-edit-until = 在提案階段結束前，您可以編輯或撤回提案。
gov-proposal-body = 提案內容
gov-col-parameter = 參數
gov-col-in-force = 目前生效
gov-col-proposed = 提議
gov-value-unknown = 未設定
gov-budget-title = 預算
gov-budget-pool-value = 預算池：{ $amount } CITY
gov-col-cost = 費用
gov-col-organization = 組織
gov-col-funded = 資助
gov-funded-yes = 獲得資助
gov-funded-paid = 已支付 { $amount } CITY 至該組織帳戶
gov-budget-pool-from-city = 本市為整個週期設定預算池；預算提案依提出的先後順序分配。
gov-budget-pool-none = 本市沒有為此週期設定預算池，因此不接受預算提案。
gov-funded-no = 未獲資助
gov-model-title = 要採用的模式
gov-model-intro = 此模式發布於：
gov-voting-title = 投票
gov-voting-method = 本週期的投票方式為{ $method ->
    [weighted_majority] 加權多數決。
    [approval] 認可投票。
   *[quadratic] 二次方投票。
}
gov-ballots-cast = { $count ->
    [0] 還沒有人投票。
   *[other] 目前已投出 { $count } 張選票。
}
gov-voting-closes = 投票於 { $when } 結束。
gov-vote-sign-in = 請登入以投票
gov-vote-unverified = 您無法投票：請確認您的電子郵件地址。只有在投票開始時已確認電子郵件的居民可以投票。
gov-vote-not-eligible = 您在本週期沒有投票資格：投票開始時，您未持有所需的 { $min } VOTE。VOTE 可透過經驗證的公民服務獲得。
gov-vote-weight = 您可以用 { $weight } VOTE 投票（依投票開始時的紀錄）。
gov-my-ballot = 您的選票，投於 { $when }：
gov-my-ballot-abstain = 您選擇棄權（參與投票，但不支持任何選項）。
gov-my-ballot-change = 您可以在投票結束（{ $when }）前更改。
gov-my-ballot-none = 您還沒有對此提案投票。
gov-ballot-mark = { $method ->
    [quadratic] { $option }：{ $votes } 票
   *[other] { $option }
}
gov-ballot-legend = { $method ->
    [weighted_majority] 您的答案
    [approval] 您認可的選項
   *[quadratic] 您在各選項的票數
}
gov-ballot-credits = 在一個選項上投 n 票要花費 n² 額度（1 票花 1，2 票花 4，3 票花 9）。您有 { $credits } 額度。
gov-ballot-abstain = 我棄權
gov-ballot-cast = 投出我的選票
gov-ballot-replace = 更換我的選票
gov-ballot-private = 您的選票是秘密的：只有您看得到。大眾只能看到投出的選票數量，以及投票結束後的總計。
gov-voting-later = 投票於 { $when } 開始。
gov-voting-withdrawn = 此提案已撤回，不會進行投票。
gov-voting-none = 此提案未交付投票。
gov-tally-caption = 各選項的支持度
gov-col-option = 選項
gov-col-support = 支持度
gov-support = { $method ->
    [quadratic] { $n } 票
   *[other] { $n } VOTE
}
gov-turnout-caption = 參與率與法定門檻
gov-tally-eligible = 有投票資格的人
gov-tally-voters = 投票者（包括棄權）
gov-tally-people-vote = { $people } 位居民 · { $vote } VOTE
gov-tally-abstentions = 棄權
gov-tally-turnout = 參與率（佔具投票資格 VOTE 的比例）
gov-tally-quorum = 法定門檻
gov-quorum-met = 已達到
gov-quorum-missed = 未達到
gov-funded-title = 獲得資助的選項
gov-enacted-title = 已付諸實行
gov-enacted-parameter = { $parameter } 現在為 { $value }
gov-enacted-policy = 此政策已獲採用。
gov-enacted-budget = { $option }：已支付 { $amount } CITY 給 @{ $organization }
gov-enacted-model = { $installation ->
    [installed] 已採用 { $url } 的模式：{ $offered } 個任務範本中，有 { $installed } 個已成為提案組織的草稿。
    [failed] 已採用 { $url } 的模式，但無法安裝：{ $reason ->
        [gone] 該網址已不再發布此模式。
        [no-templates] 其中沒有本市可以使用的任務範本。
       *[not-an-issuer] 提案組織不是已核准的發布組織。
    }
   *[pending] 已採用 { $url } 的模式；本市取得該模式後，就會安裝其任務範本。
}

## Deliberation
gov-comments-title = 審議
gov-comments-empty = 還沒有留言。
gov-comments-closed = 審議及投票期間開放留言。
gov-comment-sign-in = 請登入以參與審議
gov-comment-new = 您的留言
gov-comment-submit = 發表留言
gov-comment-reply = 回覆
gov-comment-reply-label = 您給 @{ $username } 的回覆
gov-comment-reply-submit = 發表回覆
gov-comment-hidden = 已被版主隱藏：{ $reason }
gov-comment-report = 向版主檢舉
gov-comment-report-reason = 為什麼版主應該查看這則留言？
gov-comment-report-submit = 送出檢舉
gov-comment-reports = 已被檢舉 { $count } 次
gov-comment-hide = 隱藏這則留言
gov-comment-restore = 重新顯示這則留言
gov-moderation-reason = 原因（會公開顯示）
gov-moderation-log-title = 留言管理紀錄
gov-moderation-log-empty = 還沒有任何留言被隱藏或恢復。
gov-moderation-comment-link = 該則留言
gov-moderation-action = { $action ->
    [hidden] 由 @{ $moderator } 隱藏
   *[restored] 由 @{ $moderator } 恢復
}
gov-moderation-title = 留言管理
gov-moderation-intro = 版主隱藏或恢復的每一則留言都會連同原因列在這裡。被隱藏的留言仍保留在討論中的原位置。
gov-reported-title = 被檢舉的留言
gov-reported-empty = 沒有等待處理的被檢舉留言。
gov-col-when = 時間
gov-col-action = 動作
gov-col-reason = 原因

## Parameters
gov-parameters-title = 本市的參數
gov-parameters-intro = 決定獎勵、期別長度及決策方式的規則：目前生效的值，以及由誰設定。
gov-parameters-in-force = 目前生效
gov-parameters-hint = 沒有任何決策設定過的獎勵倍率為 100%：獎勵與任務範本所寫的相同。
gov-parameters-history = 變更紀錄
gov-parameters-history-empty = 還沒有任何參數變更過。
gov-col-value = 值
gov-col-source = 設定者
gov-col-since = 生效日期
gov-col-before = 變更前
gov-col-after = 變更後
gov-value-default = 預設值
gov-source-decision = 決策「{ $title }」
gov-source-administrator = 管理員 @{ $username }
gov-source-configuration = 設定檔預設值
gov-parameter-name = { $family ->
    [reward_multiplier] { $subject } 的獎勵倍率
    [issuer_budget] { $subject } 每期的 CITY 預算
    [epoch_length] 每期的長度
    [city_expiry_epochs] 所獲 CITY 的有效期
    [vote_decay_percent] 每期的 VOTE 衰減
    [resident_cap_city] 每位居民每期的 CITY 上限
    [resident_cap_city_category] 每位居民每期在 { $subject } 的 CITY 上限
    [resident_cap_vote] 每位居民每期的 VOTE 上限
    [reservation_minutes] 預約的有效時間
    [level_to_earn] 獲得 CITY 和 VOTE 所需的身分等級
    [level_to_vote] 投票所需的身分等級
   *[min_vote_to_propose] 提案所需的 VOTE
}
gov-value-expiry = { $n ->
    [0] 永不過期
   *[other] { $n } 期後過期
}
gov-value-no-cap = 無上限
gov-value-decay = 每期 { $n }%
gov-value-epoch-length = { $unit ->
    [months] { $n } 個月
    [weeks] { $n } 週
   *[days] { $n } 天
}

## CITY a participatory budget funded an organization with (its page and console) / 參與式預算撥給組織的 CITY
funded-title = 由決策資助
funded-balance = 由本市決策資助的 { $amount } CITY，可作為獎勵發放
funded-explained = 此組織任務的獎勵會先從其每期預算支付，再從這筆資助的 CITY 支付；這筆 CITY 不會在期末過期。
funded-by-decision = 由此決策資助的 { $amount } CITY
funded-issued = 目前已作為獎勵發放：{ $amount } CITY
funded-account = 帳本帳戶：{ $account }
