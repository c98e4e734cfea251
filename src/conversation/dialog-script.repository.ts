import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { DialogScriptVersionEntity } from './dialog-script-version.entity';

export type ScriptVersionSummary = Pick<DialogScriptVersionEntity, 'dialogId' | 'version' | 'published' | 'publishedAt' | 'createdAt'>;

/** Queries over stored dialog script versions. */
@Injectable()
export class DialogScriptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(DialogScriptVersionEntity);
  }

  /** (dialogId, version) of every published script: the cheap query each instance polls. */
  published(): Promise<Array<Pick<DialogScriptVersionEntity, 'dialogId' | 'version'>>> {
    return this.repo.find({ select: { dialogId: true, version: true }, where: { published: true } });
  }

  find(dialogId: string, version: string): Promise<DialogScriptVersionEntity | null> {
    return this.repo.findOneBy({ dialogId, version });
  }

  list(dialogId?: string): Promise<ScriptVersionSummary[]> {
    return this.repo.find({
      select: { dialogId: true, version: true, published: true, publishedAt: true, createdAt: true },
      where: dialogId ? { dialogId } : {},
      order: { dialogId: 'ASC', id: 'DESC' },
    });
  }

  /** Stores the version if new; returns whether it was already there. */
  async ensure(dialogId: string, version: string, yaml: string): Promise<boolean> {
    if (await this.repo.exists({ where: { dialogId, version } })) return true;
    try {
      await this.repo.insert({ dialogId, version, yaml, published: false });
      return false;
    } catch (e) {
      if (isUniqueViolation(e)) return true;
      throw e;
    }
  }

  /** Makes `version` the one published version of the dialog. */
  async publish(dialogId: string, version: string, at = new Date()): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(DialogScriptVersionEntity);
      await repo.update({ dialogId, published: true }, { published: false });
      await repo.update({ dialogId, version }, { published: true, publishedAt: at });
    });
  }

  /** The version published before the current one, if any: where a rollback goes. */
  async previouslyPublished(dialogId: string): Promise<string | null> {
    const row = await this.repo
      .createQueryBuilder('v')
      .select(['v.version'])
      .where('v.dialogId = :dialogId AND v.published = :published AND v.publishedAt IS NOT NULL', { dialogId, published: false })
      .orderBy('v.publishedAt', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .getOne();
    return row?.version ?? null;
  }
}
