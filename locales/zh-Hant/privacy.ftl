## 隱私權聲明、其同意、資料保存期限與法律保全（issue 27）。

privacy-footer-link = 隱私權聲明
privacy-title = 隱私權聲明
privacy-version = 第 { $version } 版
privacy-published = 發布於 { $date }
privacy-default-version = 本市的第一份聲明
privacy-not-in-force = 此版本已不再生效：目前生效的是第 { $current } 版。
privacy-read-current = 閱讀目前生效的聲明。
privacy-other-language = 此聲明尚未以您的語言撰寫；以下以其撰寫的語言顯示。
privacy-versions = 所有版本

privacy-signup-accept = 我已閱讀並同意隱私權聲明（第 { $version } 版）。
privacy-signup-read = 閱讀隱私權聲明
privacy-accept-title = 新的隱私權聲明
privacy-accept-intro = 本市已發布第 { $version } 版隱私權聲明。請閱讀並同意後繼續。
privacy-accept-box = 我已閱讀並同意第 { $version } 版隱私權聲明。
privacy-accept-submit = 同意並繼續
privacy-accept-sign-out = 改為登出
error-privacy-not-accepted = 請閱讀目前生效的隱私權聲明，並勾選方框表示同意。

privacy-admin-link = 隱私權聲明
privacy-admin-title = 隱私權聲明
privacy-admin-intro = 目前生效的是第 { $current } 版。發布後會成為第 { $next } 版：每位居民會在下一個頁面被要求同意，先前的版本仍可閱讀。
privacy-admin-read-current = 以居民看到的方式閱讀第 { $version } 版
privacy-admin-text = { $language }文本
privacy-admin-text-hint = 純文字段落，以空白行分隔。某語言留空時，改以本市的預設語言顯示；本市的預設語言為必填。
privacy-admin-publish = 發布第 { $version } 版
privacy-admin-published = 第 { $version } 版已發布並生效。

legal-hold-on = 自 { $date } 起受法律保全
legal-hold-reason = 法律保全（或解除保全）的理由
legal-hold-set = 將 { $username } 列入法律保全
legal-hold-lift = 解除 { $username } 的法律保全
error-legal-hold = 此帳號受法律保全：在管理員解除保全之前，其任何資料都不能刪除。

privacy-default-who = { $city } 為其公民服務計畫經營此 City/Sync 網站：組織發布公民任務，居民認領並完成，經驗證的工作可獲得 CITY（可在本地商店使用）與 VOTE（用於本市的決策）。本聲明說明本市保存您哪些個人資料、目的為何、保存多久，以及您可以提出哪些請求。
privacy-default-kept = 保存的資料：您的使用者名稱、電子郵件地址與所選語言；您選擇公開的個人檔案；您認領的任務、您提交的證明（文字、照片，以及您選擇分享的座標）與其驗證結果；您在帳本中的 CITY 與 VOTE 紀錄；您的登入工作階段；以及為防止濫用而保存的登入、註冊或寄送郵件請求的網路（IP）位址。
privacy-default-why = 目的：讓您參與（認領、證明並獲得工作的點數）、讓組織驗證工作、維持本市帳本與公開紀錄的正確與可稽核、保護您的帳號安全，以及就您的帳號與工作與您聯繫。
privacy-default-periods = 保存期限：證明照片 { $photo_days } 天；隨證明提供的座標 { $location_days } 天；IP 位址 { $ip_days } 天；已結束的工作階段 { $session_days } 天；已寄出的郵件 { $mail_days } 天。經驗證的貢獻與帳本紀錄屬於本市的公開紀錄，會以您的化名保存。
privacy-default-hold = 當法律要求時（訴訟、稽核、資料調閱請求），管理員可將帳號列入法律保全：在保全解除之前，其任何資料都不會被刪除。
privacy-default-rights = 您的權利：查閱與匯出（可在設定中查看並下載您的資料）、更正（修正錯誤的資料）、刪除（要求刪除您的帳號）以及反對（反對對您資料的某種使用）。{ $has_contact ->
    [yes] 請寫信至 { $contact } 行使這些權利。
   *[no] 請向本市的管理單位提出以行使這些權利。
}
