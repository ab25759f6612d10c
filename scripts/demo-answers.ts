import type { Measure } from '../bot/domain/answers/measure';
import type { Stores } from '../bot/domain/ports';
import type { Round } from '../bot/domain/round';

type Seed = Pick<Measure, 'goalId' | 'description' | 'owner' | 'metrics'> &
  Partial<
    Pick<Measure, 'partners' | 'targetGroup' | 'timeframe' | 'concrete' | 'changeBy2029' | 'plan'>
  >;

/** Measures drawn from the 16.9.2025 Pohjois-Savo koonti, by organisation, under all ten goals. */
const ANSWERS: Record<string, Seed[]> = {
  pshva: [
    {
      goalId: 'terveyserot',
      description:
        'Kohdennetaan tuki ja toimenpiteet tilannekuvan osoittamiin hyvinvointivajeisiin ja kohderyhmiin',
      owner: 'Hyvinvoinnin ja terveyden edistämisen yksikkö',
      metrics: 'Hyvinvointikertomuksen indikaattorit, kouluterveyskysely',
      partners: ['kuopio', 'varkaus', 'iisalmi'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'intensify',
    },
    {
      goalId: 'osallisuus',
      description: 'Asukasraatimallin kehittäminen ja asiantuntijatuki kuntien asukasraadeille',
      owner: 'Osallisuuskoordinaattori',
      metrics: 'Asukasraatien määrä kunnissa',
      partners: ['siilinjarvi', 'kuopio'],
      concrete: 'yes',
      changeBy2029: 'yes',
      plan: 'new',
    },
    {
      goalId: 'mielenterveys',
      description:
        'Työkykyklinikka: matalan kynnyksen työkyvyn ja jaksamisen tuki yhdessä työterveyshuollon, kuntien ja yrittäjien kanssa',
      owner: 'Työkyvyn tuen palvelut',
      metrics: 'Asiakasmäärä, työkykyarviot',
      partners: ['kuopio', 'suonenjoki'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'new',
    },
    {
      goalId: 'riippuvuudet',
      description:
        'Päihteiden puheeksiotto ja ohjaus kaikissa sote-palveluissa; läheisten huomioiminen',
      owner: 'Mielenterveys- ja päihdepalvelut',
      metrics: 'Puheeksiottojen määrä (AUDIT)',
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'continue',
    },
    {
      goalId: 'tiedolla-johtaminen',
      description:
        'Palvelujen kustannustieto kuntien käyttöön ennaltaehkäisevän työn kohdentamiseksi',
      owner: 'Tietojohtaminen',
      metrics: 'Kuntakohtaiset kustannusraportit / vuosi',
      partners: ['iisalmi', 'varkaus', 'kuopio'],
      concrete: 'partly',
      changeBy2029: 'unknown',
      plan: 'new',
    },
  ],
  // Kuopio is left for the newcomer to answer in the Playground.
  leppavirta: [
    {
      goalId: 'tiedon-saatavuus',
      description:
        'Erityisryhmien hyvinvointitiedon kokoaminen hyvinvointisuunnitelmaa varten yhdessä hyvinvointialueen kanssa',
      owner: 'Hyvinvointikoordinaattori, Leppävirta',
      metrics: 'Erityisryhmiä koskevat indikaattorit hyvinvointikertomuksessa',
      partners: ['pshva'],
      concrete: 'partly',
      changeBy2029: 'partly',
      plan: 'new',
    },
    {
      goalId: 'vakivalta-tapaturmat',
      description: 'Seksuaalisen häirinnän ehkäisy kaikissa ammatillisissa oppilaitoksissa',
      owner: 'Sivistyspalvelut',
      metrics: 'Kouluterveyskysely: häirintäkokemukset',
      partners: ['pshva', 'mll-ita-suomi'],
      concrete: 'yes',
      changeBy2029: 'yes',
      plan: 'intensify',
    },
    {
      goalId: 'elintavat',
      description: 'Kaupungin oma liikuntaneuvonta kaikille ikäryhmille',
      owner: 'Liikuntapalvelut',
      metrics: '',
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'continue',
    },
  ],
  varkaus: [
    {
      goalId: 'vanhemmuus',
      description:
        'Ohjaamo-toiminta nuorille Varkaudessa: ohjaus, tuki ja vanhempien mukaan ottaminen',
      owner: 'Nuorisopalvelut',
      metrics: 'Ohjaamon asiakasmäärä, jatko-ohjaukset',
      partners: ['pshva'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'intensify',
    },
    {
      goalId: 'vakivalta-tapaturmat',
      description: 'Kesäyrittäjyys nuorille ja harjoittelumallien kehittäminen yritysten kanssa',
      owner: 'Elinvoimapalvelut',
      metrics: 'Harjoittelupaikkojen täyttyminen',
      partnersOther: 'Paikalliset yrittäjät',
      concrete: 'yes',
      changeBy2029: 'yes',
      plan: 'new',
    } as Seed,
  ],
  iisalmi: [
    {
      goalId: 'vanhemmuus',
      description:
        'Vanhempainillat suunnitellaan yhdessä koulujen ja hyvinvointialueen ammattilaisten kanssa',
      owner: 'Perusopetus',
      metrics: 'Vanhempainiltojen osallistujamäärä',
      partners: ['pshva', 'mll-ita-suomi'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'new',
    },
    {
      goalId: 'riippuvuudet',
      description: 'Päihdekasvatus peruskoulusta alkaen ja jatkumo toiselle asteelle ja työelämään',
      owner: 'Sivistyspalvelut',
      metrics: 'Kouluterveyskysely: nuorten päihteiden käyttö',
      partners: ['pshva'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'intensify',
    },
  ],
  siilinjarvi: [
    {
      goalId: 'elintavat',
      description: 'Liikuntaneuvonta yhdessä hyvinvointialueen kanssa pienten kuntien tueksi',
      owner: 'Vapaa-aikapalvelut',
      metrics: 'Liikuntaneuvonnan asiakkaat / vuosi',
      partners: ['pshva', 'pohjois-savon-liikunta'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'continue',
    },
    {
      goalId: 'osallisuus',
      description: 'Nuorisovaltuuston ja vanhusneuvoston lakisääteinen toiminta',
      owner: 'Hallintopalvelut',
      metrics: 'Kokousten määrä',
      concrete: 'partly',
      changeBy2029: 'no',
      plan: 'drop',
    },
  ],
  'pohjois-savon-kylat': [
    {
      goalId: 'jarjestoyhteistyo',
      description: 'Järjestöfoorumit, joissa nostetaan esiin alueen suurimmat hyvinvointihaasteet',
      owner: 'Pohjois-Savon Kylät ry',
      metrics: 'Foorumien määrä ja osallistujat',
      partners: ['pshva', 'pohjois-savon-liikunta'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'continue',
    },
    {
      goalId: 'vakivalta-tapaturmat',
      description:
        'Arjen turvallisuuden edistäminen kylissä yhdessä järjestöjen ja pelastuslaitoksen kanssa',
      owner: 'Kylätoiminta',
      metrics: 'Turvallisuuskävelyt kylissä',
      partners: ['pshva'],
      concrete: 'yes',
      changeBy2029: 'partly',
      plan: 'continue',
    },
  ],
};

/** Points the morning workshop raised, from the same koonti, under each goal. */
const POINTS: Record<string, string[]> = {
  terveyserot: [
    'Hyvinvointisuunnitelmien tulee pohjautua tilannekuvaan: tukea ja toimenpiteitä kohdennetaan hyvinvointivajeisiin ja tiedon pohjalta todettuun kohderyhmään.',
    'Kuntien ja hyvinvointialueen hyvinvointisuunnitelmat tärkeä aikatauluttaa yhteen, synkronoida.',
  ],
  'tiedon-saatavuus': [
    'Erityisryhmistä kaivattaisiin tietoa, jotta heidät voitaisiin huomioida paremmin hyvinvointisuunnitelmassa.',
  ],
  jarjestoyhteistyo: [
    'Tietoa ja osaamista jaettava molempiin suuntiin.',
    'Järjestöjä on tuhansia → miten huomioidaan suoraan ja välillisesti vaikuttavat toimijat vastuutahoja kirjatessa.',
  ],
  osallisuus: [
    'Asukasraatitoiminta kehittymässä hyvinvointialueella, kunnissa vielä vähäistä: tärkeä asiantuntijatuki kunnille.',
    'Lakisääteiset asiat (nuorisovaltuustot, neuvostot) poistetaan, mutta alueelliset neuvostotapaamiset säilytetään.',
  ],
  vanhemmuus: [
    'Yhteistyö koulujen ja hyvinvointialueen ammattilaisten välillä tärkeää → esim. vanhempainiltojen suunnittelu yhdessä.',
    'Ohjaamo-toiminta Varkaudessa kehittyvää, ei perustoimintaa.',
  ],
  elintavat: [
    'Pienten kuntien on haastava tarjota omana toimintana liikuntaneuvontaa: kaivataan hyvinvointialueen tukea.',
    'Päihteiden käytön vaikutukset elintapoihin nostettu juurisyyksi → yhteistyö painopistealueiden välillä tärkeää.',
  ],
  mielenterveys: [
    'Viestintäyhteistyö tärkeää, mutta tietoähky haasteena.',
    'Kehitetään yhdessä työterveyshuollon, kuntien ja yrittäjien kanssa matalan kynnyksen tukipalveluja (esim. työkykyklinikka).',
  ],
  riippuvuudet: [
    'Päihdekasvatus peruskoulussa keskeistä → jatkumon varmistaminen 2. asteelle ja työelämään.',
  ],
  'vakivalta-tapaturmat': [
    'Seksuaalisen häirinnän vähentämiseen mukaan kaikki ammatilliset koulut.',
    'Kesäyrittäjyys nuorille → mittarina harjoittelupaikkojen täyttyminen.',
  ],
  'tiedolla-johtaminen': [
    'Kunnat kaipaavat asiantuntijatukea erityisesti palvelujen kustannuksista → ennaltaehkäisevän työn kohdentaminen.',
  ],
};

/**
 * Fills the practice round with submitted answers from several organisations and the
 * morning workshop's points, so a newcomer sees a full koonti, report and Word document.
 * Safe to run again: nothing is written twice.
 */
export async function seedDemoAnswers(stores: Stores, round: Round, now: Date): Promise<void> {
  const at = now.toISOString();
  const goals = new Set(round.goals.map((g) => g.id));
  for (const [organisationId, seeds] of Object.entries(ANSWERS)) {
    const sheet = await stores.responses.getSheet(round.id, organisationId);
    if (sheet.measures.length) continue;
    for (const [i, s] of seeds.filter((x) => goals.has(x.goalId)).entries()) {
      await stores.responses.createMeasure(round.id, organisationId, {
        partners: [],
        partnersOther: '',
        targetGroup: '',
        timeframe: '2025–2029',
        notes: '',
        ...s,
        id: `demo-${organisationId}-${i}`.slice(0, 40),
        createdAt: at,
        createdBy: 'Harjoitusaineisto',
        updatedAt: at,
        updatedBy: 'Harjoitusaineisto',
      });
    }
    await stores.responses.saveResponse(
      {
        roundId: round.id,
        organisationId,
        state: 'submitted',
        submittedAt: at,
        submittedBy: 'Harjoitusaineisto',
        updatedAt: at,
        updatedBy: 'Harjoitusaineisto',
      },
      sheet.response?.etag,
    );
  }
  if ((await stores.workshops.listPoints(round.id)).size) return;
  // Points recorded before any thread exists: `työpaja` then opens threads that show them.
  for (const [goalId, texts] of Object.entries(POINTS)) {
    if (!goals.has(goalId)) continue;
    for (const [seq, text] of texts.entries()) {
      await stores.workshops.importPoint({
        roundId: round.id,
        goalId,
        seq,
        text,
        author: 'HYTE-neuvottelukunnan työpaja',
        authorId: 'demo',
        at,
        via: 'note',
      });
    }
  }
}
