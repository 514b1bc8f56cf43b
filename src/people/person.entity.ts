import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('person')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column()
  name: string;

  /** Party abbreviation of a politician, e.g. "M"; null for officers and citizens. */
  @Column({ type: 'text', nullable: true })
  party: string | null;

  /** Title of an officer, e.g. "Regiondirektör". */
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** "Robert Hamberg (M)", as names are written in Swedish minutes. */
export function displayName(person: Pick<Person, 'name' | 'party'>): string {
  return person.party ? `${person.name} (${person.party})` : person.name;
}

/** A person as an API caller sees it: the e-mail address only for those who may see it. */
export type PersonView = Omit<Person, 'email'> & { email?: string | null };
