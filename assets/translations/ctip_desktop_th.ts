<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context>
    <name></name>
    <message>
        <source>New &amp;database…</source>
        <translation>ฐานข้อมูลใหม่(&amp;D)…</translation>
    </message>
    <message>
        <source>Create a new, empty database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>เปิดฐานข้อมูล(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New organisation</source>
        <translation>องค์กรใหม่(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>บันทึก(&amp;S)</translation>
    </message>
    <message>
        <source>Save the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete organisation</source>
        <translation>ลบองค์กร(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>การตั้งค่า(&amp;S)…</translation>
    </message>
    <message>
        <source>Interviewer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>ออก(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>เลิกทำ(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>ทำซ้ำ(&amp;R)</translation>
    </message>
    <message>
        <source>Redo what was undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>ค้นหา(&amp;F)</translation>
    </message>
    <message>
        <source>Search names, notes and headlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About CTIP Outreach Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version and licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;interview…</source>
        <translation>การสัมภาษณ์ใหม่(&amp;I)…</translation>
    </message>
    <message>
        <source>Interview the selected organisation with one of the outreach surveys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>ส่งออก PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Briefing packs, partner profiles or a portfolio report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge database…</source>
        <translation>รวมฐานข้อมูล(&amp;M)…</translation>
    </message>
    <message>
        <source>Bring in the records of a database file from another laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for s&amp;ync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a copy of this database for a colleague or the coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything as XLSX, CSV files or a lossless JSON archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export questionnaire as &amp;XLSForm…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A questionnaire as an XLSForm, to field it with ODK Collect or KoboToolbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSON archive, organisations from CSV or XLSX, or ODK/Kobo submissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put one of this database&apos;s backups in its place (what each holds is shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Protect with a passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt this database: it opens only with the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hange passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt this database again under a new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this database a plain, unencrypted file again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation>องค์กร(&amp;O)</translation>
    </message>
    <message>
        <source>Organisational profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interviews</source>
        <translation>การสัมภาษณ์(&amp;I)</translation>
    </message>
    <message>
        <source>All interviews, with filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow-ups</source>
        <translation>การติดตามผล(&amp;F)</translation>
    </message>
    <message>
        <source>Follow-ups due across organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync and conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts to decide, possible duplicates, merge history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Portfolio</source>
        <translation>ภาพรวม(&amp;P)</translation>
    </message>
    <message>
        <source>Interviewed organisations by need against openness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scales, ticks, write-ins and change over time across filtered interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile of “{name}” has changes that are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An interview was left unfinished:
{description}

Resume it now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details are written to the log: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted or kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer to item {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer {number}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept (not deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This field takes one of the versions, not a typed value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is longer than {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} conflicts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{app}&lt;/b&gt; {version}&lt;br&gt;&lt;br&gt;Organisational profiles and outreach interviews for counter-trafficking (CTIP) organisations working with the private sector, based on the USAID Asia CTIP &lt;i&gt;Private Sector Outreach Tool&lt;/i&gt;.&lt;br&gt;&lt;br&gt;Bundled fonts: Noto Sans Thai, Khmer and Myanmar (SIL Open Font License 1.1).&lt;br&gt;Log file: {log}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalysisView</name>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewed from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewed until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (YYYY-MM-DD, empty for no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Other” write-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar to list the organisations behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations behind the chosen bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sec&amp;tor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;untry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;nterviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All interviewers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis could not be made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} completed interview(s) of {orgs} organisation(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} draft(s) left out (not completed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This questionnaire has no scale or check-all items to chart: its answers are open text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No completed interview matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Other” write-ins ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change over time ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{number}. {label}&lt;/b&gt;: {orgs} organisation(s), {n} interview(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no analysis to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF was not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackgroundOp</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current item…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Chart: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy chart as image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Protect with a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for the new database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} will be encrypted: it opens only with this passphrase, and nobody can recover it if it is forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} will be encrypted again under the new passphrase; the old one no longer opens it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} will become a plain file again: anyone with the file can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect {file} with a passphrase, or leave both fields empty for a plain file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {n} characters: a few words are easier to remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {n} characters (a few words are easier to remember than symbols).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A passphrase cannot be only spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passphrases differ: type the same one twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new passphrase is the current one: choose another.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoiceList</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts: every field has one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields changed differently on two laptops. Both values are kept until you choose one or write a new one; your decision travels with your next export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or &amp;write a new value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of field is settled by keeping one of the versions above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no organisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not settle “{field}” of {organisation}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{field}” of {organisation} now reads: {value}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsForm</name>
    <message>
        <source>in person</source>
        <translation>พบตัว</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <source>video</source>
        <translation>วิดีโอ</translation>
    </message>
    <message>
        <source>other</source>
        <translation>อื่น ๆ</translation>
    </message>
    <message>
        <source>Site, office or city</source>
        <translation>สถานที่ สำนักงาน หรือเมือง</translation>
    </message>
    <message>
        <source>e.g. Thai, Khmer, English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date and time</source>
        <translation>วันและเวลา(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>รูปแบบ(&amp;M)</translation>
    </message>
    <message>
        <source>P&amp;lace</source>
        <translation>สถานที่(&amp;L)</translation>
    </message>
    <message>
        <source>Lan&amp;guage used</source>
        <translation>ภาษาที่ใช้(&amp;G)</translation>
    </message>
    <message>
        <source>People &amp;interviewed</source>
        <translation>ผู้ให้สัมภาษณ์(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>บันทึกย่อ(&amp;N)</translation>
    </message>
</context>
<context>
    <name>DuplicatesTab</name>
    <message>
        <source>Organisation A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why they look alike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No possible duplicates: no two organisations share a name or a website.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;A, combine B into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;B, combine A into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same company entered on two laptops. Combining keeps every contact, headline, interview and follow-up of both; the other&apos;s name becomes an other name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar name ({score}% alike)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same website ({host})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combine “{other}” into “{keep}”?

Every contact, headline, interview, decision and follow-up of “{other}” moves to “{keep}”, its name becomes one of the other names, and “{other}” is deleted. Undo (Ctrl+Z) brings both back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combine organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was combined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not combine “{other}” into “{keep}”: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combined “{other}” into “{keep}”. Undo (Ctrl+Z) brings both back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDataDialog</name>
    <message>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews come one row per interview and one column per question, as ODK and KoboToolbox export them, with codes and with labels. The JSON archive holds every change and can be imported again without loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {n} selected organisation(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All {n} organisations in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the PDFs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisations</source>
        <translation type="unfinished">องค์กร(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep short profiles of the companies you plan to interview: what they do, where they operate, their fair-labour investments and partnerships, and a quick scan of media headlines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with an &amp;empty database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with &amp;demo data (50 fictional organisations)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name (interviewer)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpOverview</name>
    <message>
        <source>&amp;Mark done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What came of it (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished">บันทึก(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome of “{step}” ({organisation}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This follow-up no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{open} open, {overdue} overdue · {shown} shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No follow-up is overdue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open follow-up is due in this period.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpsPanel</name>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepting a recommendation adds its next steps here. Edits save.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it brought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file has been merged into this database yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of the database is kept before every merge (the newest five)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup folder cannot be opened: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it is not imported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterviewList</name>
    <message>
        <source>Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New interview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts and completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All interviewers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} interview(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterviewView</name>
    <message>
        <source>Not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited after review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← Back to the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history starts when the interview is completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished">ตรวจทาน</translation>
    </message>
    <message>
        <source>Comment (required when it has issues)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;orrect answers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard interview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the interview being corrected? (required, kept in its history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the answers below, and say why. Earlier values are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interview no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted organisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{org} — {questionnaire}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed contact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People interviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (conflicting edits from two laptops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review state: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — by {who}, {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Approved or Has issues first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this interview with all its answers?
You can undo this with Edit ▸ Undo (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interview was not discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for the correction.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterviewWizard</name>
    <message>
        <source>%v of %m answered</source>
        <translation>ตอบแล้ว %v จาก %m ข้อ</translation>
    </message>
    <message>
        <source>Items of the questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← &amp;Back</source>
        <translation>← ย้อนกลับ(&amp;B)</translation>
    </message>
    <message>
        <source>Previous page (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next →</source>
        <translation>ถัดไป(&amp;N) →</translation>
    </message>
    <message>
        <source>Next page (Alt+Right or Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause interview</source>
        <translation>พักการสัมภาษณ์(&amp;P)</translation>
    </message>
    <message>
        <source>Leave this draft; every answer is saved. Resume it from the interview list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard draft…</source>
        <translation>ทิ้งฉบับร่าง(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete this interview (Undo brings it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interview no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview with {org} — {questionnaire}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare</source>
        <translation>เตรียมตัว</translation>
    </message>
    <message>
        <source>Review and complete</source>
        <translation>ตรวจทานและเสร็จสิ้น</translation>
    </message>
    <message>
        <source>Prepare: {org}</source>
        <translation>เตรียมตัว: {org}</translation>
    </message>
    <message>
        <source>Homework missing before this interview: {missing}. The profile should cover these so the conversation starts from what you already know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Homework done: all four profile elements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language the questions are shown in. Answers are kept the same way in every language, so interviews compare across languages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questions in</source>
        <translation>ภาษาของคำถาม(&amp;Q)</translation>
    </message>
    <message>
        <source>Translation files left out: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair labour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memberships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent headlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation>ข้อ</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>คำถาม</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>คำตอบ</translation>
    </message>
    <message>
        <source>Answers to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Complete interview</source>
        <translation>เสร็จสิ้นการสัมภาษณ์(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation>ตรวจทาน</translation>
    </message>
    <message>
        <source>Press Enter on a line, or double-click it, to change that answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typing…</source>
        <translation>กำลังพิมพ์…</translation>
    </message>
    <message>
        <source>The answer was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>บันทึกแล้ว {time}</translation>
    </message>
    <message>
        <source>The details were not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— missing —</source>
        <translation>— ยังไม่ได้ตอบ —</translation>
    </message>
    <message>
        <source>{missing} of {total} items have no answer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every item has an answer.</source>
        <translation>ตอบครบทุกข้อแล้ว</translation>
    </message>
    <message>
        <source>Items {numbers} have no answer. Complete the interview anyway?
After completion, changes are made as corrections with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete interview</source>
        <translation>เสร็จสิ้นการสัมภาษณ์</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interview was not completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this interview and every answer given?
You can undo this with Edit ▸ Undo (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft was not discarded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <source>{n} of {total} interviews answered · mean {mean} · median {median}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {total} interviews ticked something; shares are of those {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{heading}&lt;br&gt;{n} interview(s), {share:.0%} of those answering&lt;br&gt;{orgs} organisation(s) · click to list them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt;&lt;br&gt;ticked in {n} interview(s), {share:.0%} of those answering&lt;br&gt;{orgs} organisation(s) · click to list them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemPage</name>
    <message>
        <source>Item {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase to unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} was locked after a while without use. Enter its passphrase to go on where you were.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Select an organisation on the left, or create one with New organisation (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interviews</source>
        <translation type="unfinished">การสัมภาษณ์(&amp;I)</translation>
    </message>
    <message>
        <source>Recomm&amp;endations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-&amp;ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp; conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, notes and headlines (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} open conflict(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no interviewer name (Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who} · device {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} organisation(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished">เลิกทำ(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished">ทำซ้ำ(&amp;R)</translation>
    </message>
    <message>
        <source>New organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the profile of “{name}” with its contacts, headlines and {n} interview(s)?
You can undo this with Edit ▸ Undo (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “{name}”. Undo with Ctrl+Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock first, then close the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the database to be rewritten, or click Cancel to stop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily backup written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily backup could not be written: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the backup {backup} in the place of {file}? What was written since that backup leaves this database; it is kept in a backup of its own first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored from {backup}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect with a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is now protected by a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase of {file} was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is no longer protected by a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the current passphrase. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewriting {file}, then checking the copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before the end: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be rewritten; nothing was changed. The details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is being rewritten. The window comes back when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converting backup {n} of {total}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} backup(s) were encrypted with it too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} backup(s) are plain files again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} backup(s) now open with the new passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} backup(s) could not be read and were deleted, so that none stays readable without the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} backup(s) stay protected by the passphrase they were written under (or are damaged): restoring one asks for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} Its backups could not be converted: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converting the backups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong passphrase: the window stays locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessing readiness…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The portfolio could not be drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the organisation to interview in the list of organisations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interview was not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every answer is saved as you give it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview paused. Every answer is saved; resume it from its list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft discarded. Undo with Ctrl+Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The correction you are making is not saved. Discard it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{org} — {questionnaire}, {answered} of {items} answered (started {started})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no organisation to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing PDFs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {n} more (see the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDFs were not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the export or merge that is running to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge a database from another laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} brings nothing new: this database already holds all of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge cancelled: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged {file}: {n} new change(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} field(s) were changed differently on two laptops: decide them in Sync &amp; conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup of this database was made first: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} was not merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}
This database was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merge failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for sync to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {file}. A colleague merges it with File ▸ Merge database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing a copy for sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No copy was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {what} to {name} in {s:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export questionnaire as XLSForm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The XLSForm was not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote “{form}” as an XLSForm to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload it to ODK Central or KoboToolbox, then bring the submissions in with File ▸ Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the archive {file}? It is merged as a colleague&apos;s database is: checked first, nothing is overwritten, and a backup is made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ok} submission(s) of “{form}” become completed interviews; {fixed} edited since they were imported become corrections; {old} were imported before and stay as they are; {bad} row(s) are not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {n} interview(s) from {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {n} organisation(s) from {file}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MergePreviewDialog</name>
    <message>
        <source>Merge “{file}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is overwritten: a field changed on both laptops becomes a conflict for you to decide (Sync &amp; conflicts). A backup of this database is made first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} change(s) are new to this database, touching {orgs} organisation(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} answer value(s) arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} field(s) would be in conflict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It brings {n} questionnaire version(s) this database lacks.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MultiAnswer</name>
    <message>
        <source>{other}: what it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What else? (required when ticked)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganisationBox</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (no longer exists)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganisationImportDialog</name>
    <message>
        <source>Import organisations from “{file}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ignore this column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(column {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it is not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where each column goes (first rows shown on the right):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ok} organisation(s) will be imported; {bad} row(s) will not (listed below). Nothing is written until you press Import; one Undo takes it all back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is protected by a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortfolioChart</name>
    <message>
        <source>Need: {need} · Openness: {openness}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources offered: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewed: {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with resources offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Need: supply-chain disruption and worker exposure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Openness to partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tier} ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} not plotted: scales unanswered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortfolioView</name>
    <message>
        <source>All tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, sector or country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No organisation has a completed Example #2 interview yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find an organisation in the portfolio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the interviews…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No organisation matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {n} organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} organisation(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} not plotted (scales unanswered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped early: {n} of {total} assessed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>&amp;Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Media headlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished">บันทึก(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line: name in local script, former names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the company does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another sector…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another country…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provinces, cities, sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another initiative…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Other names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it &amp;does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memberships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media scan done on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Places of operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supply-chain &amp;role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fair labour investments
and partnerships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memberships and
initiatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationship s&amp;tage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media scan &amp;done on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media headlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Homework {done}: still missing: {missing}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Homework {done}: the profile covers all four elements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This name looks like an organisation you already have: {links}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archives, organisations, submissions (*.json *.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CTIP Outreach Desk databases (*.db *.ctip.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <source>New interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which questionnaire will you use?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecommendationsPanel</name>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, and what to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept: its next steps become follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for dismissing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why dismiss it? (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;ismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on the recommendation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for the team (internal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} (no longer triggered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations could not be worked out (see the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recommendation yet: they follow from completed interviews (Example #2 scales and checklists, Example #1 answers) and the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latest answers no longer trigger this recommendation. The team&apos;s decision is kept, and so are its follow-ups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision was not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the backup to put in the place of {file}. The database as it is now is backed up first, so this can be undone by restoring that backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected by another passphrase: choose Restore to enter it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be restored: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{completed} completed, {drafts} drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup was written under another passphrase: enter that one to restore it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the passphrase of this backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no backups of this database yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScaleAnswer</name>
    <message>
        <source>Click a point, or press its number (0 for 10); ← → move; Delete clears.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{point} chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing chosen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>การตั้งค่า</translation>
    </message>
    <message>
        <source>Your name, recorded with what you write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop&apos;s id: it tells merged changes apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>ภาษาของระบบ</translation>
    </message>
    <message>
        <source>A new language applies when the app next starts.</source>
        <translation>ภาษาใหม่จะมีผลเมื่อเปิดแอปครั้งถัดไป</translation>
    </message>
    <message>
        <source>Lock after minutes of inactivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a database protected by a passphrase locks; its passphrase unlocks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interviewer name</source>
        <translation>ชื่อผู้สัมภาษณ์(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Language of the window</source>
        <translation>ภาษาของหน้าต่าง(&amp;L)</translation>
    </message>
    <message>
        <source>Lock after (&amp;minutes) of inactivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device</source>
        <translation>อุปกรณ์นี้</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync and conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conflicts ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible &amp;duplicates ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge history ({n})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TablePreviewModel</name>
    <message>
        <source>(ignored)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextAnswer</name>
    <message>
        <source>Write the answer in the interviewee&apos;s words…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionBox</name>
    <message>
        <source>Version {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {n} (shown now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{id} (this laptop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this value and settle the conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XlsformDialog</name>
    <message>
        <source>Export questionnaire as XLSForm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} (version {version})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the form to ODK Central or KoboToolbox. Export its submissions as CSV (KoboToolbox: XML values and headers) and bring them in with File ▸ Import…: each becomes a completed interview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the XLSForm as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last action could not be completed ({error}). Your saved data is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details are in the log: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>follow_ups</name>
    <message>
        <source>No date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue by 1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue by {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In {n} days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>interviews</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>English (the questionnaire&apos;s own)</source>
        <translation>ภาษาอังกฤษ (ต้นฉบับของแบบสอบถาม)</translation>
    </message>
    <message>
        <source> ({done} of {total} texts translated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not yet reviewed)</source>
        <translation> (ยังไม่ได้ตรวจทาน)</translation>
    </message>
    <message>
        <source>{code} (not on this laptop: shown in English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation>ภาษาอังกฤษ</translation>
    </message>
    <message>
        <source>{code} (no translation on this laptop)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Export analysis as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
