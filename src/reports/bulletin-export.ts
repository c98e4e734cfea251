import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { maskName, maskPhone, maskResidentText } from '../common/privacy';
import { I18nService } from '../i18n/i18n.service';
import type { Bulletin } from './bulletins.service';
import { OrgNamesReader } from './org-names';
import { ReportsRepository } from './reports.repository';
import { chinaTime } from '../common/china-time';


/** The rows behind a bulletin as XLSX (exceljs): every ticket of the period with residents' names and phones masked, and the ranking. */
@Injectable()
export class BulletinExport {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly names: OrgNamesReader,
    private readonly i18n: I18nService,
  ) {}

  async xlsx(b: Bulletin, locale: string): Promise<Buffer> {
    const t = (key: string) => this.i18n.t(`reports.${key}`, {}, locale);
    const col = (key: string) => t(`xlsx.columns.${key}`);
    const [rows, names] = await Promise.all([
      this.repo.exportRows({ from: new Date(b.period.from), to: new Date(b.period.to), workstations: b.unit.workstations }),
      this.names.read(),
    ]);
    const book = new ExcelJS.Workbook();
    book.creator = 'minyi';
    const sheet = book.addWorksheet(t('xlsx.tickets'));
    const keys = ['number', 'createdAt', 'title', 'sector', 'area', 'workstation', 'state', 'assignee', 'takenAt', 'takeOnTime', 'answeredAt', 'answerOnTime', 'rating', 'supports', 'residentName', 'residentPhone'];
    sheet.columns = keys.map((key) => ({ header: col(key), key, width: key === 'title' ? 40 : 16 }));
    const yesNo = (v: boolean | null) => (v === null ? '' : t(v ? 'xlsx.yes' : 'xlsx.no'));
    for (const r of rows) {
      sheet.addRow({
        number: r.number,
        createdAt: chinaTime(r.createdAt),
        title: maskResidentText(r.title, [r.residentName]),
        sector: r.sectorCode ? names.sector.get(r.sectorCode) ?? r.sectorCode : '',
        area: r.areaCode ? names.area.get(r.areaCode) ?? r.areaCode : '',
        workstation: names.workstation.get(r.workstationCode) ?? r.workstationCode,
        state: t(`state.${r.state}`),
        assignee: r.assigneeUserid ? names.member.get(r.assigneeUserid) ?? '' : '',
        takenAt: chinaTime(r.takenAt),
        takeOnTime: yesNo(r.takenAt && r.takeDeadline ? r.takenAt <= r.takeDeadline : null),
        answeredAt: chinaTime(r.answeredAt),
        answerOnTime: yesNo(r.answeredAt && r.answerDeadline ? r.answeredAt <= r.answerDeadline : null),
        rating: r.rating ? t(`rating.${r.rating}`) : '',
        supports: r.supportCount,
        // Exports leave the system: never a resident's whole name or number.
        residentName: maskName(r.residentName) ?? '',
        residentPhone: maskPhone(r.residentPhone) ?? '',
      });
    }
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const ranking = book.addWorksheet(t('xlsx.ranking'));
    ranking.columns = [
      { header: col('rank'), key: 'rank', width: 8 },
      { header: col('workstation'), key: 'name', width: 24 },
      { header: col('total'), key: 'total', width: 12 },
      { header: col('onTimeAnswer'), key: 'onTimeAnswer', width: 14, style: { numFmt: '0.0%' } },
      { header: col('satisfaction'), key: 'satisfaction', width: 14, style: { numFmt: '0.0%' } },
    ];
    for (const r of b.ranking) ranking.addRow({ rank: r.rank, name: r.name, total: r.total, onTimeAnswer: r.rates.onTimeAnswer, satisfaction: r.rates.satisfaction });
    ranking.getRow(1).font = { bold: true };
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
