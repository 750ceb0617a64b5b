import type { StateLawEntryInput } from './schema.js';
import { entry as akEntry } from './jurisdictions/ak.js';
import { entry as alEntry } from './jurisdictions/al.js';
import { entry as arEntry } from './jurisdictions/ar.js';
import { entry as asEntry } from './jurisdictions/as.js';
import { entry as azEntry } from './jurisdictions/az.js';
import { entry as caEntry } from './jurisdictions/ca.js';
import { entry as coEntry } from './jurisdictions/co.js';
import { entry as ctEntry } from './jurisdictions/ct.js';
import { entry as dcEntry } from './jurisdictions/dc.js';
import { entry as deEntry } from './jurisdictions/de.js';
import { entry as flEntry } from './jurisdictions/fl.js';
import { entry as gaEntry } from './jurisdictions/ga.js';
import { entry as guEntry } from './jurisdictions/gu.js';
import { entry as hiEntry } from './jurisdictions/hi.js';
import { entry as iaEntry } from './jurisdictions/ia.js';
import { entry as idEntry } from './jurisdictions/id.js';
import { entry as ilEntry } from './jurisdictions/il.js';
import { entry as inEntry } from './jurisdictions/in.js';
import { entry as ksEntry } from './jurisdictions/ks.js';
import { entry as kyEntry } from './jurisdictions/ky.js';
import { entry as laEntry } from './jurisdictions/la.js';
import { entry as maEntry } from './jurisdictions/ma.js';
import { entry as mdEntry } from './jurisdictions/md.js';
import { entry as meEntry } from './jurisdictions/me.js';
import { entry as miEntry } from './jurisdictions/mi.js';
import { entry as mnEntry } from './jurisdictions/mn.js';
import { entry as moEntry } from './jurisdictions/mo.js';
import { entry as mpEntry } from './jurisdictions/mp.js';
import { entry as msEntry } from './jurisdictions/ms.js';
import { entry as mtEntry } from './jurisdictions/mt.js';
import { entry as ncEntry } from './jurisdictions/nc.js';
import { entry as ndEntry } from './jurisdictions/nd.js';
import { entry as neEntry } from './jurisdictions/ne.js';
import { entry as nhEntry } from './jurisdictions/nh.js';
import { entry as njEntry } from './jurisdictions/nj.js';
import { entry as nmEntry } from './jurisdictions/nm.js';
import { entry as nvEntry } from './jurisdictions/nv.js';
import { entry as nyEntry } from './jurisdictions/ny.js';
import { entry as ohEntry } from './jurisdictions/oh.js';
import { entry as okEntry } from './jurisdictions/ok.js';
import { entry as orEntry } from './jurisdictions/or.js';
import { entry as paEntry } from './jurisdictions/pa.js';
import { entry as prEntry } from './jurisdictions/pr.js';
import { entry as riEntry } from './jurisdictions/ri.js';
import { entry as scEntry } from './jurisdictions/sc.js';
import { entry as sdEntry } from './jurisdictions/sd.js';
import { entry as tnEntry } from './jurisdictions/tn.js';
import { entry as txEntry } from './jurisdictions/tx.js';
import { entry as utEntry } from './jurisdictions/ut.js';
import { entry as vaEntry } from './jurisdictions/va.js';
import { entry as viEntry } from './jurisdictions/vi.js';
import { entry as vtEntry } from './jurisdictions/vt.js';
import { entry as waEntry } from './jurisdictions/wa.js';
import { entry as wiEntry } from './jurisdictions/wi.js';
import { entry as wvEntry } from './jurisdictions/wv.js';
import { entry as wyEntry } from './jurisdictions/wy.js';

/** Every jurisdiction file of this pack version, as written (validated by loadPack in pack.ts). */
export const RAW_ENTRIES: readonly StateLawEntryInput[] = [
  akEntry,
  alEntry,
  arEntry,
  asEntry,
  azEntry,
  caEntry,
  coEntry,
  ctEntry,
  dcEntry,
  deEntry,
  flEntry,
  gaEntry,
  guEntry,
  hiEntry,
  iaEntry,
  idEntry,
  ilEntry,
  inEntry,
  ksEntry,
  kyEntry,
  laEntry,
  maEntry,
  mdEntry,
  meEntry,
  miEntry,
  mnEntry,
  moEntry,
  mpEntry,
  msEntry,
  mtEntry,
  ncEntry,
  ndEntry,
  neEntry,
  nhEntry,
  njEntry,
  nmEntry,
  nvEntry,
  nyEntry,
  ohEntry,
  okEntry,
  orEntry,
  paEntry,
  prEntry,
  riEntry,
  scEntry,
  sdEntry,
  tnEntry,
  txEntry,
  utEntry,
  vaEntry,
  viEntry,
  vtEntry,
  waEntry,
  wiEntry,
  wvEntry,
  wyEntry,
];
