// Writes the word lists of the per-language analysis parity test
// (tests/js/fixtures/languages/LANG.txt): for each language the Snowball stemmers cover
// besides English, real words (a few written here, and a sample of the Snowball test
// vocabulary rust-stemmers ships, where it has one), words built from a few stems and
// every suffix (for Arabic also every prefix) of the algorithm's among tables, and edge
// cases (apostrophes, hyphens, digits, ß, é, Turkish i, Greek final sigma, Cyrillic ё).
// crates/search/src/search_index/text.rs then writes the Rust terms of each list beside it (LANG.json,
// `OPSBOOK_UPDATE_FIXTURES=1 cargo test -p opsbook-search --lib js_language_fixtures`), and
// tests/js/analysis.test.cjs requires the browser to produce the same.
//
//   node tests/js/make-language-words.mjs [path/to/rust-stemmers-1.2.0]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'languages');

function findCrate() {
  if (process.argv[2]) return process.argv[2];
  const registry = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'registry', 'src');
  for (const index of fs.readdirSync(registry)) {
    const dir = path.join(registry, index, 'rust-stemmers-1.2.0');
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error('rust-stemmers-1.2.0 not found in the cargo registry');
}

/** Language tag, algorithm, test vocabulary, stems to build words from, real words. */
const LANGUAGES = [
  ['de', 'german', 'ger', ['arbeit', 'datenbank', 'dienst'], 'Datenbanken Datenbank Übergabe Übergaben Störung Störungen Wartungsfenster Bereitschaft Bereitschaftsdienst Straße Straßen Größe Größen laufen läuft gelaufen Prüfung prüfen geprüft Ausfall Ausfälle Sicherung Sicherungen wiederherstellen Wiederherstellung Protokolle Benachrichtigung Häufigkeit schließen schloss Zugänge Schlüssel'],
  ['fr', 'french', 'fr', ['serveur', 'administr', 'document'], "serveurs serveur base bases données panne pannes redémarrer redémarrage redémarré sauvegarde sauvegardes restauration l'équipe d'astreinte aujourd'hui qu'il s'arrête incidents déploiement déployer déployés supervision alertes événement événements été élève forêt Noël naïf coût"],
  ['es', 'spanish', 'es', ['servidor', 'administr', 'document'], 'servidores servidor caída caídas reiniciar reinicio reiniciando copia copias respaldo restauración guardia incidentes despliegue desplegar desplegado alertas niño año pequeños acción acciones'],
  ['it', 'italian', 'it', ['server', 'amministr', 'document'], "server guasto guasti riavviare riavvio riavviato backup ripristino reperibilità incidenti distribuzione distribuire avvisi città perché l'operatore dell'incidente"],
  ['nl', 'dutch', null, ['werk', 'bedrijf', 'server'], 'servers storing storingen herstarten herstart herstelling back-up backups dienst diensten waarschuwingen meldingen incidenten uitrollen uitgerold gebruikers gebruiker beschikbaarheid opnieuw knoppen lopen liep gelopen huizen huis kinderen kind vrijheid mogelijkheden mogelijk geïnstalleerd ruïne café zeeën'],
  ['pt', 'portuguese', 'pt', ['servidor', 'administr', 'document'], 'servidores falha falhas reiniciar reinício cópia cópias restauração plantão incidentes implantação implantar alertas ações ação não mãe pães órgão'],
  ['sv', 'swedish', null, ['arbet', 'server', 'hus'], 'servrar server avbrott omstart starta startade säkerhetskopia säkerhetskopior återställning jour incidenter driftsättning larm larmen användare användarna tillgänglighet möjligheter flickorna pojkarna husen huset bilarna bilar springer sprang kärlek öppen öppnade'],
  ['no', 'norwegian', 'no', ['arbeid', 'tjener', 'hus'], 'tjenere tjeneren avbrudd omstart starte startet sikkerhetskopi gjenoppretting vakt hendelser utrulling varsler brukere brukerne tilgjengelighet husene bilene jenter gutter kjærlighet åpne'],
  ['da', 'danish', null, ['arbejd', 'server', 'hus'], 'servere serveren nedbrud genstart starte startede sikkerhedskopi sikkerhedskopier gendannelse vagt hændelser udrulning alarmer brugere brugerne tilgængelighed mulighederne husene bilerne piger drenge kærlighed åbne åbnede løbende løb'],
  ['fi', 'finnish', 'fi', ['palvelin', 'talo', 'kirja'], 'palvelimet palvelimen palvelimella katkos uudelleenkäynnistys varmuuskopio varmuuskopiot palautus päivystys häiriöt hälytykset käyttäjät käyttäjien saatavuus taloissa kirjoissa kirjastossa juoksin juoksee äiti yö'],
  ['ru', 'russian', 'ru', ['сервер', 'работ', 'книг'], 'серверы сервера серверов сбой сбои перезапуск перезапустить резервная копия восстановление дежурство инциденты развёртывание развертывание оповещения пользователи пользователей доступность ёлка ёж всё её нашёл Ёлки'],
  ['hu', 'hungarian', null, ['szerver', 'ház', 'adatbázis'], 'szerverek szerveren szerverre leállás újraindítás újraindítani biztonsági mentés mentések visszaállítás ügyelet incidensek telepítés riasztások felhasználók felhasználónak elérhetőség házakban házaknak könyvekből emberek emberekkel szépen szépség kőből tűz'],
  ['ro', 'romanian', 'ro', ['server', 'administr', 'document'], 'servere serverul serverele întrerupere repornire repornit copie copii restaurare gardă incidente implementare alerte utilizatori utilizatorilor disponibilitate şcoală școală ţară țară învăţământ'],
  ['tr', 'turkish', null, ['sunucu', 'ev', 'kitap'], 'sunucular sunucuları sunucunun kesinti yeniden başlatma yedek yedekler geri yükleme nöbet olaylar dağıtım uyarılar kullanıcılar kullanıcıların erişilebilirlik evlerde evlerimizden kitaplarımız kitaplardan gözlükçü İstanbul istanbul ılık Işık ışık İzmir çalıştırılamayacak ağaçlar öğretmenler güzellik'],
  ['ar', 'arabic', 'ar', ['كتاب', 'مدرس', 'خادم'], 'الخادم الخوادم خوادم انقطاع إعادة التشغيل النسخ الاحتياطي الاستعادة المناوبة الحوادث النشر التنبيهات المستخدمين المستخدمون التوفر والكتاب بالكتاب للكتاب كتابات مدرسة المدرسة المدارس سيكتبون يكتبون ١٢٣ ٤٥٦'],
  ['el', 'greek', 'el', ['διακομιστ', 'εγγραφ', 'λογαριασμ'], 'διακομιστής διακομιστές διακομιστών διακοπή επανεκκίνηση αντίγραφο αντίγραφα ασφαλείας επαναφορά εφημερία συμβάντα ανάπτυξη ειδοποιήσεις χρήστες χρηστών διαθεσιμότητα λόγος λόγοι λόγου ΛΟΓΟΣ ΟΔΟΣ οδός οδοί καλός καλή καλό'],
  ['ta', 'tamil', null, ['சேவையக', 'புத்தக', 'வீட'], 'சேவையகம் சேவையகங்கள் சேவையகத்தில் தடை மறுதொடக்கம் காப்புப்பிரதி மீட்டமைப்பு பணி நிகழ்வுகள் எச்சரிக்கைகள் பயனர்கள் பயனர்களின் கிடைக்கும் புத்தகங்கள் புத்தகத்தை வீட்டில் வீடுகள் படித்தான் படிக்கிறான் படிப்பேன்'],
];

/** Edge cases for every language: apostrophes, hyphens, digits, accents, ß, Turkish i,
    Greek final sigma, Cyrillic ё, identifiers, camel case. */
const EDGES = ["l'homme", "aujourd'hui", "don't", "O'Brien", 'on-call', 'e-mail', 'pg_stat', 'CVE-2024-3094', 'v2',
  '2026', '10.0.0.1', 'Straße', 'STRASSE', 'ß', 'café', 'CAFÉ', 'é', 'élève', 'İstanbul', 'ıi', 'Iİ', 'ΟΔΟΣ', 'οδός',
  'σς', 'ёж', 'ЁЖ', 'Ёлка', 'naïve', 'Æble', 'œuvre', 'Øre', 'Þór', 'Łódź', 'KubePodCrashLooping', 'x', '日本語',
  'a1b2', 'über-groß', 'déjà-vu'];

function decode(rust) {
  return rust.replace(/\\u\{([0-9A-Fa-f]+)\}|\\(["\\])/g, (_, hex, ch) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : ch));
}

/** `n` items spread evenly over `list`. */
function spread(list, n) {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

const crate = findCrate();
fs.mkdirSync(out, { recursive: true });
for (const [tag, algorithm, vocabulary, stems, real] of LANGUAGES) {
  const rust = fs.readFileSync(path.join(crate, 'src/snowball/algorithms', algorithm + '.rs'), 'utf8');
  const affixes = [...new Set([...rust.matchAll(/Among\("((?:[^"\\]|\\.)*)"/g)].map((m) => decode(m[1]).toLowerCase()))]
    .filter((a) => a && !/[\s"\\]/.test(a)).sort();
  const built = stems.flatMap((stem) => affixes.map((a) => stem + a));
  if (algorithm === 'arabic') built.push(...stems.flatMap((stem) => affixes.map((a) => a + stem)));
  // Two suffixes in a row reach the later steps of an algorithm.
  const pairs = affixes.flatMap((a, i) => affixes.map((b) => stems[i % stems.length] + a + b));
  let sample = [];
  if (vocabulary) {
    const words = fs.readFileSync(path.join(crate, 'test_data', `voc_${vocabulary}.txt`), 'utf8').split('\n').filter(Boolean);
    sample = spread(words, 100);
  }
  const lines = [...new Set([...real.split(' '), ...sample, ...spread(built, 300), ...spread(pairs, 200), ...EDGES])];
  fs.writeFileSync(path.join(out, tag + '.txt'), lines.join('\n') + '\n');
  console.log(tag, lines.length, 'words,', affixes.length, 'affixes');
}
