// Writes the single-byte-encoded fixtures (Latin-1 / Windows-1252) that cannot be kept as UTF-8
// text files. Run: node tests/data/formats/make-encoded-fixtures.mjs (idempotent).
import { writeFileSync } from 'node:fs';

// Windows-1252 bytes for the characters used below that differ from Latin-1.
const CP1252 = new Map([['\u2013', 0x96], ['\u20ac', 0x80]]);

function encode(text, charset) {
  return Uint8Array.from([...text], (ch) => {
    const cp = ch.codePointAt(0);
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
    if (charset === 'windows-1252' && CP1252.has(ch)) return CP1252.get(ch);
    throw new Error(`cannot encode U+${cp.toString(16)} in ${charset}`);
  });
}

const dir = new URL('./', import.meta.url);

// A French generic attempt log, Latin-1, ';'-separated: localized headers through a column map.
writeFileSync(new URL('generic_log_fr_latin1.csv', dir), encode([
  'Élève;Nom;Compétence;Question;Réussi;Ordre',
  '00123;Müller;fractions;q1;1;1',
  '00123;Müller;décimaux;q2;0;2',
  '0123;Lefèvre;fractions;q1;1;1',
  '',
].join('\r\n'), 'latin1'));

// A German Moodle gradebook export, Windows-1252, ';'-separated, decimal commas, trailing ';;;' rows.
writeFileSync(new URL('moodle_gradebook_de_cp1252.csv', dir), encode([
  'Vorname;Nachname;ID-Nummer;Institution;Abteilung;E-Mail-Adresse;Test: Brüche (Punkte);Kurs gesamt (Punkte);Zuletzt aus diesem Kurs heruntergeladen',
  'Anna;Müller;0815;Gesamtschule Nord;Mathe – Förderkurs;anna.mueller@schule.example;12,5;87,25;1700000000',
  'Élodie;Weiß;0042;Gesamtschule Nord;Mathe;elodie.weiss@schule.example;-;45;1700000000',
  ';;;;;;;;',
  ';;;;;;;;',
  '',
].join('\r\n'), 'windows-1252'));
