import { eq } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { FileStore } from '../../platform/file-store.ts';
import { svgToJpeg } from './image-process.ts';
import type { MediaDescription } from './media.schema.ts';
import { uploadMedia } from './media.service.ts';
import { media } from './media.table.ts';

/** The names of the demo images; article covers and bodies refer to them by these keys. */
export const demoMediaKeys = [
  'fireRescueVisit',
  'chemicalTrainingBuilding',
  'covestroSite',
  'covestroMeeting',
] as const;
export type DemoMediaKey = (typeof demoMediaKeys)[number];

const width = 1600;
const height = 1000;

const sky = (top: string, bottom: string) => `
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/>
    </linearGradient>
    <linearGradient id="ground" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#7f8c8d"/><stop offset="1" stop-color="#5d6668"/>
    </linearGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#sky)"/>`;

/** A grid of lit and unlit windows on a facade. */
function windows(
  x: number,
  y: number,
  cols: number,
  rows: number,
  w: number,
  h: number,
  gap: number,
): string {
  let out = '';
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const lit = (r * 7 + c * 3) % 5 === 0;
      out += `<rect x="${x + c * (w + gap)}" y="${y + r * (h + gap)}" width="${w}" height="${h}" rx="3" fill="${lit ? '#f6e7a8' : '#9fc3dd'}" opacity="0.9"/>`;
    }
  }
  return out;
}

function tree(x: number, y: number, size: number): string {
  return `<rect x="${x - size * 0.08}" y="${y}" width="${size * 0.16}" height="${size * 0.7}" fill="#6b4f35"/>
    <circle cx="${x}" cy="${y - size * 0.1}" r="${size * 0.45}" fill="#3f7d4e"/>
    <circle cx="${x - size * 0.3}" cy="${y + size * 0.1}" r="${size * 0.3}" fill="#4b8f5a"/>
    <circle cx="${x + size * 0.3}" cy="${y + size * 0.08}" r="${size * 0.32}" fill="#36704a"/>`;
}

/** A red fire engine parked in front of a training centre, late autumn afternoon. */
function fireRescueScene(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    ${sky('#f3c89b', '#fbe9d6')}
    <circle cx="1320" cy="210" r="90" fill="#fff3d6" opacity="0.85"/>
    <rect x="140" y="260" width="1320" height="480" fill="#d9d4cc"/>
    <rect x="140" y="230" width="1320" height="40" fill="#8a5a44"/>
    ${windows(190, 300, 12, 3, 78, 70, 28)}
    <rect x="700" y="560" width="200" height="180" fill="#5b6770"/>
    <rect x="0" y="740" width="${width}" height="260" fill="url(#ground)"/>
    <rect x="0" y="735" width="${width}" height="14" fill="#b7b1a7"/>
    ${tree(90, 620, 170)}${tree(1530, 630, 160)}
    <g transform="translate(380 610)">
      <rect x="0" y="40" width="620" height="180" rx="18" fill="#c62828"/>
      <rect x="470" y="0" width="190" height="220" rx="22" fill="#b71c1c"/>
      <rect x="500" y="28" width="130" height="80" rx="10" fill="#bfe0f2"/>
      <rect x="30" y="10" width="400" height="26" rx="8" fill="#cfd8dc"/>
      <rect x="20" y="120" width="440" height="14" fill="#f5f5f5"/>
      <rect x="560" y="-14" width="60" height="16" rx="6" fill="#1e88e5"/>
      <circle cx="130" cy="225" r="48" fill="#263238"/><circle cx="130" cy="225" r="20" fill="#90a4ae"/>
      <circle cx="540" cy="225" r="48" fill="#263238"/><circle cx="540" cy="225" r="20" fill="#90a4ae"/>
    </g>
  </svg>`;
}

/** A chemical training building: pipe racks, a distillation column and tanks under a clear sky. */
function trainingBuildingScene(): string {
  let pipes = '';
  for (let i = 0; i < 5; i++) {
    pipes += `<rect x="180" y="${520 + i * 26}" width="1240" height="12" rx="6" fill="${['#e0e0e0', '#ffb74d', '#90caf9', '#e0e0e0', '#a5d6a7'][i]}"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    ${sky('#7fb2e5', '#d7e9f7')}
    <rect x="220" y="180" width="760" height="560" fill="#eceff1"/>
    <rect x="220" y="160" width="760" height="30" fill="#455a64"/>
    ${windows(260, 220, 8, 4, 64, 58, 26)}
    <rect x="1080" y="140" width="70" height="600" rx="30" fill="#cfd8dc"/>
    ${[220, 330, 440, 550].map((y) => `<rect x="1070" y="${y}" width="90" height="10" fill="#78909c"/>`).join('')}
    <ellipse cx="1300" cy="600" rx="120" ry="30" fill="#b0bec5"/>
    <rect x="1180" y="460" width="240" height="140" fill="#cfd8dc"/>
    <ellipse cx="1300" cy="460" rx="120" ry="30" fill="#eceff1"/>
    ${pipes}
    <rect x="0" y="740" width="${width}" height="260" fill="url(#ground)"/>
    ${tree(120, 640, 150)}${tree(1500, 650, 140)}
  </svg>`;
}

/** An integrated chemical site by the bay: tanks, stacks with soft steam, a long production hall. */
function chemicalSiteScene(): string {
  let tanks = '';
  for (let i = 0; i < 4; i++) {
    const x = 160 + i * 190;
    tanks += `<rect x="${x}" y="520" width="150" height="200" fill="#f5f5f5"/>
      <ellipse cx="${x + 75}" cy="520" rx="75" ry="18" fill="#ffffff"/>
      <rect x="${x}" y="600" width="150" height="14" fill="#8bc34a"/>`;
  }
  let steam = '';
  for (let i = 0; i < 6; i++) {
    steam += `<circle cx="${1090 + i * 26}" cy="${250 - i * 34}" r="${30 + i * 9}" fill="#ffffff" opacity="${0.55 - i * 0.07}"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    ${sky('#5d9bd5', '#cfe3f5')}
    <rect x="0" y="640" width="${width}" height="110" fill="#3f7fb0"/>
    <rect x="960" y="300" width="56" height="420" fill="#cfd8dc"/><rect x="960" y="330" width="56" height="20" fill="#e53935"/>
    <rect x="1070" y="260" width="56" height="460" fill="#cfd8dc"/><rect x="1070" y="290" width="56" height="20" fill="#e53935"/>
    ${steam}
    <rect x="900" y="560" width="600" height="170" fill="#90a4ae"/>
    <rect x="900" y="540" width="600" height="26" fill="#607d8b"/>
    ${windows(930, 590, 11, 2, 36, 40, 16)}
    ${tanks}
    <rect x="0" y="720" width="${width}" height="280" fill="url(#ground)"/>
    <rect x="0" y="790" width="${width}" height="18" fill="#c8c8c8"/>
  </svg>`;
}

/** A meeting room seen from above: a long table, chairs on both sides, a screen at the end. */
function meetingScene(): string {
  let chairs = '';
  for (let i = 0; i < 6; i++) {
    const x = 400 + i * 150;
    chairs += `<rect x="${x}" y="250" width="90" height="80" rx="18" fill="#37474f"/>
      <rect x="${x}" y="670" width="90" height="80" rx="18" fill="#37474f"/>
      <circle cx="${x + 45}" cy="410" r="22" fill="#ffffff" opacity="0.9"/>
      <circle cx="${x + 45}" cy="590" r="22" fill="#ffffff" opacity="0.9"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs>
      <linearGradient id="floor" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="#d7ccc8"/><stop offset="1" stop-color="#bcaaa4"/>
      </linearGradient>
    </defs>
    <rect width="${width}" height="${height}" fill="url(#floor)"/>
    <rect x="330" y="340" width="980" height="320" rx="40" fill="#8d6e63"/>
    <rect x="350" y="360" width="940" height="280" rx="32" fill="#a1887f"/>
    ${chairs}
    <rect x="1390" y="330" width="40" height="340" rx="8" fill="#263238"/>
    <rect x="1398" y="345" width="24" height="310" rx="4" fill="#4fc3f7" opacity="0.8"/>
    <rect x="160" y="430" width="90" height="140" rx="18" fill="#37474f"/>
    <circle cx="820" cy="500" r="46" fill="#66bb6a"/><circle cx="820" cy="500" r="22" fill="#a5d6a7"/>
  </svg>`;
}

const demoImages: Record<DemoMediaKey, { fileName: string; svg: () => string } & MediaDescription> = {
  fireRescueVisit: {
    fileName: 'demo-fire-rescue-visit.jpg',
    svg: fireRescueScene,
    altZh: '示意图：一辆红色消防车停在学校跨企业培训中心楼前',
    altEn: 'Illustration: a red fire engine parked in front of the Cross-enterprise Training Center',
    captionZh: '2023年11月18日下午，上海市消防救援总队代表团来校交流，参观跨企业培训中心。',
    captionEn:
      'Afternoon of 18 November 2023: the Shanghai Municipal Fire Rescue Corps delegation visits the college and tours the Cross-enterprise Training Center.',
    credit: 'Concord demo',
  },
  chemicalTrainingBuilding: {
    fileName: 'demo-chemical-training-building.jpg',
    svg: trainingBuildingScene,
    altZh: '示意图：化工综合实训楼，楼外有管廊、精馏塔和储罐',
    altEn:
      'Illustration: the Chemical Comprehensive Training Building with pipe racks, a distillation column and a tank outside',
    captionZh: '消防救援总队代表团在化工综合实训楼了解实训设备和管理做法。',
    captionEn:
      'In the Chemical Comprehensive Training Building the Fire Rescue Corps delegation learns about the training equipment and how it is run.',
    credit: 'Concord demo',
  },
  covestroSite: {
    fileName: 'demo-covestro-site.jpg',
    svg: chemicalSiteScene,
    altZh: '示意图：海湾边的化工基地，有储罐、冒着白汽的烟囱和生产厂房',
    altEn:
      'Illustration: a chemical site by the bay with storage tanks, steaming stacks and a production hall',
    captionZh: '2023年5月11日，学校代表团一行10人赴科思创上海一体化基地参观交流。',
    captionEn: '11 May 2023: a ten-member college delegation visits the Covestro Integrated Site Shanghai.',
    credit: 'Concord demo',
  },
  covestroMeeting: {
    fileName: 'demo-covestro-meeting.jpg',
    svg: meetingScene,
    altZh: '示意图：俯视的会议室，长桌两侧摆放座椅，一端是显示屏',
    altEn:
      'Illustration: a meeting room from above, chairs on both sides of a long table and a screen at one end',
    captionZh: '参观结束后，校企双方座谈，围绕新专业建设、教师企业实践和员工培训深化合作。',
    captionEn:
      'After the tour the college and Covestro meet to deepen cooperation on new majors, teachers’ practice in the company and staff training.',
    credit: 'Concord demo',
  },
};

/**
 * Gives a demo college its media library: a few drawn scenes (rasterised from our own SVG, no
 * text in them) uploaded like any image, with alt texts and captions in both languages. Running it
 * again adds nothing. Returns the media ids by key.
 */
export async function loadDemoMedia(
  scope: TenantScope,
  store: FileStore,
): Promise<Record<DemoMediaKey, string>> {
  const ids = {} as Record<DemoMediaKey, string>;
  for (const key of demoMediaKeys) {
    const { fileName, svg, ...description } = demoImages[key];
    const existing = await scope.first(media, eq(media.fileName, fileName));
    if (existing) {
      ids[key] = existing.id;
      continue;
    }
    const bytes = await svgToJpeg(svg());
    const result = await uploadMedia(scope, store, { name: fileName, bytes }, description);
    ids[key] = result.media.id;
  }
  return ids;
}
