## The work loop: opportunity page, claims, proof, verification, notifications.
nav-my-work = 我的參與
nav-notifications = 通知
# The menu's link when some are unread, as screen readers say it.
nav-notifications-unread = 通知，{ $count } 則未讀

work-state = { $state ->
    [draft] 草稿
    [published] 開放中
    [closed] 已截止
   *[cancelled] 已取消
  }
work-when = 時間
work-where = 地點
work-claim-by = 認領截止
work-slots = 名額
work-slots-left = 尚餘 { $remaining } 個名額（共 { $capacity } 個）
work-reward = 獎勵
work-reward-amounts = { $city } CITY 及 { $vote } VOTE
work-outcome = 預期成果
work-method = 驗證方式
work-method-name = { $method ->
    [issuer_review] 由組織審核您的證明
    [on_site] 由驗證員在現場為您簽到及簽退
   *[peer] 由其他參與者確認
  }
work-see-template = 關於此任務
work-onsite = 活動當天
work-take-part = 參加
work-you-hold-claim = 您已取得此活動的名額。
work-see-claim = 查看我的認領
work-login-to-claim = 請登入以認領名額
work-not-open = 此活動目前不開放認領。
work-claim-button = 認領名額
work-claimants = 參加者
work-remote-participants = 從其他伺服器參加
work-remote-participants-note = 這些人是從聯邦宇宙的其他地方（Mobilizon、Mastodon…）加入的。每人佔一個名額；他們在這裡不會獲得 CITY 或 VOTE。
work-claim-state = { $state ->
    [claimed] 已認領
    [submitted] 已提交證明，等待審核
    [verified] 已驗證
    [rejected] 未獲核准
    [withdrawn] 已退出
   *[expired] 已過期
  }
work-check-in = 簽到
work-check-out = 簽退
work-manage = 管理
work-publish = 發布
work-close = 截止
work-cancel = 取消活動
work-edit = 編輯

work-my-work-title = 我的參與
work-contributions = 已驗證的貢獻
work-no-contributions = 尚無已驗證的貢獻。
work-claims = 我的認領
work-no-claims = 您尚未認領任何活動。
work-browse = 尋找活動
work-see-opportunity = 查看活動
work-claimed-by = 由 { $username } 認領
work-reward-fixed = 驗證後的獎勵：{ $city } CITY 及 { $vote } VOTE（任務版本 { $version }{ $percent ->
        [100] {""}
       *[other] ，含本市對此類別的 ×{ $multiplier } 倍數
    }）。
work-contribution-verified = 已驗證的貢獻
work-contribution-outcome = 成果：{ $quantity } { $unit }。品質：{ $rating } 分（滿分 5 分）。
work-feedback = 組織的回饋：
work-submissions = 已提交的證明
work-attempt = 第 { $attempt } 次提交
work-outcome-claimed = 回報的成果：{ $quantity } { $unit }
work-worked = 工作時間：{ $from } 至 { $until }
work-location = 位置
work-photo-alt = 證明照片 { $number }
work-rejected-because = 未獲核准：
work-reason = { $reason ->
    [insufficient_proof] 證明不足
    [not_completed] 任務未完成
    [outside_window] 工作不在活動時間內完成
    [duplicate] 此工作已提交過
   *[other] 其他原因
  }
work-approved = 已核准。
work-waiting-decision = 等待驗證員審核。
work-resubmit = 重新提交
work-submit-proof = 提交您的證明
work-proof-text = 您做了什麼
work-required = （必填）
work-proof-photos = 照片
work-proof-photos-hint = 最多 { $max } 張照片，格式為 JPEG、PNG 或 WebP，每張不超過 { $megabytes } MB。儲存前會移除照片中的位置資料。
work-latitude = 緯度
work-longitude = 經度
work-time-range = 您的工作時間
work-from = 從
work-until = 至
work-proof-outcome = 達成的成果（單位：{ $unit }）
work-send-proof = 送出證明
work-withdraw = 退出並釋出我的名額
work-trail = 紀錄

work-queue-title = 待驗證的證明 · { $organization }
work-queue-intro = 由最早的開始排列。核准後會記錄這項貢獻及其獎勵；不予核准時，對方可以再提交一次。
work-queue-empty = 目前沒有等待審核的項目。
work-approve = 核准
work-confirmed-outcome = 確認的成果
work-quality = 品質（1 至 5）
work-public-feedback = 公開回饋（選填）
work-reject = 不予核准
work-reject-reason = 原因
work-feedback-required = 給對方的回饋（必填）

work-notifications-title = 通知
work-invitations = 邀請
work-invitation-line = { $organization } 邀請您以{ $role }身分加入。
work-role = { $role ->
    [owner] 負責人
    [editor] 編輯
    [verifier] 驗證員
    [registrar] 登記員
   *[cashier] 收銀員
  }
work-accept = 接受
work-decline = 婉拒
work-recent = 最近
work-mark-read = 全部標示為已讀
work-new = 新通知：
work-no-notifications = 尚無通知。
work-email-prefs = 電子郵件
work-email-prefs-legend = 在下列情況也寄電子郵件給我：
work-pref = { $kind ->
    [claim_confirmed] 我的認領已確認
    [opportunity_cancelled] 我認領的活動被取消
    [opportunity_changed] 我認領的活動有變更
    [submission_approved] 我的證明已獲核准
    [submission_rejected] 我的證明未獲核准
    [claim_expiring] 我的認領即將過期
    [reward_credited] 為我的工作保留的獎勵已入帳
    [shift_reminder] 我認領的活動即將開始
    [proof_submitted] 有證明等待我驗證
    [organization_pending] 有組織等待核准
    [organization_approved] 我的組織已獲核准
    [organization_declined] 我的組織未獲核准
    [voting_opened] 預算週期開始投票
    [voting_closing] 投票將於明天截止
    [waitlist_offered] 候補名單為我提供了名額
   *[invitation] 有組織邀請我加入
  }
work-save = 儲存

note-claim-confirmed = 您在「{ $about }」的名額已確認。
note-opportunity-cancelled = 「{ $about }」已取消。
note-opportunity-changed = 「{ $about }」有變更。
# One change of an opportunity as a claimant is told it: the old value, then the new one.
note-change = { $field ->
    [title] 標題：{ $old } → { $new }
    [starts_at] 開始：{ $old } → { $new }
    [ends_at] 結束：{ $old } → { $new }
    [claim_deadline] 認領截止：{ $old } → { $new }
    [place] 地點：{ $old } → { $new }
    [point] 地圖位置：{ $old } → { $new }
    [capacity] 名額：{ $old } → { $new }
   *[onsite_instructions] 現場說明：{ $old } → { $new }
}
note-change-empty = （無）
note-claim-when = { $starts } 至 { $ends } · { $place }
note-submission-approved = 您在「{ $about }」的工作已通過驗證。
note-proof-submitted = 「{ $about }」有新的證明待驗證。
note-shift-reminder = 您認領的「{ $about }」即將開始。
note-organization-pending = 「{ $about }」等待核准。
note-organization-approved = 您的組織「{ $about }」已獲核准。
note-organization-declined = 您的組織「{ $about }」未獲核准。
note-voting-opened = 「{ $about }」已開始投票。
note-voting-closing = 「{ $about }」的投票將於明天截止。
note-waitlist-offered = 候補名單為您提供了「{ $about }」的一個名額。
note-reward-credited = 為您在「{ $about }」的工作保留的獎勵已入帳。
work-reward-held = 您尚未通過居民身分驗證，因此獎勵（{ $city } CITY 及 { $vote } VOTE）暫時保留。只要您在本期結束前通過居民身分驗證（請到登記櫃台辦理，詳見您的設定），獎勵就會入帳。
work-decided-held-title = 已核准，獎勵暫時保留
work-decided-held = { $resident } 尚未通過居民身分驗證：獎勵（{ $city } CITY 及 { $vote } VOTE）暫時保留，若對方在本期結束前通過驗證便會入帳。
work-reward-credited = 您已通過居民身分驗證，現已入帳：{ $city } CITY 及 { $vote } VOTE。
work-reward-capped = 本期每位居民的上限扣住了部分獎勵：已入帳 { $city_minted }／{ $city_reward } CITY 及 { $vote_minted }／{ $vote_reward } VOTE。
work-decided-capped-title = 已核准，獎勵已達上限
note-submission-rejected = 您在「{ $about }」的證明未獲核准。
note-claim-expiring = 您在「{ $about }」的認領即將過期，但尚未提交證明。
note-invitation = 您受邀加入「{ $about }」。
work-opportunity-times = 活動時間：
work-submitted-at = 送出時間
work-submitted-early = 此證明是在活動結束前送出的。核准前請確認工作確實已完成。
work-proof-after-start = 活動開始後您才能送出證明：
